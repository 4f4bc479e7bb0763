import { RateGovernor } from '../../../lib/instantly/governor';
import { governorFor, resetGovernors, workspaceKeyFor } from '../../../lib/instantly/registry';
import { FakeClock } from './helpers/fake-clock';

describe('RateGovernor pause and 429 backoff', () => {
  const make = (random = () => 0.999) => {
    const clock = new FakeClock();
    return { clock, governor: new RateGovernor({ clock, random }) };
  };

  it('pause(ms) holds every start in the workspace, and a shorter pause does not shorten it', async () => {
    const { clock, governor } = make();
    governor.pause(5_000);
    governor.pause(1_000);
    const started = governor.run(async (p) => p.startedAt);
    await clock.runAll();
    await expect(started).resolves.toBe(5_000);
  });

  it('honours Retry-After exactly when present', async () => {
    const { clock, governor } = make();
    expect(governor.onRateLimited({ retryAfterMs: 2_000 })).toBe(2_000);
    const started = governor.run(async (p) => p.startedAt);
    await clock.runAll();
    await expect(started).resolves.toBe(2_000);
  });

  it('without Retry-After: full-jitter exponential backoff, base 500 ms, factor 2, cap 30 s', async () => {
    const { clock, governor } = make();
    const delays: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      const started = governor.run(async (p) => p.startedAt);
      await clock.runAll();
      delays.push(governor.onRateLimited({ startedAt: await started }));
    }
    expect(delays).toEqual([499, 999, 1_998, 3_996, 7_992, 15_984, 29_970, 29_970, 29_970]);
  });

  it('jitter is full: random() = 0 gives no wait, random() = 0.5 gives half the ceiling', () => {
    expect(make(() => 0).governor.onRateLimited()).toBe(0);
    expect(make(() => 0.5).governor.onRateLimited()).toBe(250);
  });

  it('refusals of requests started before the pause do not escalate it', async () => {
    const { clock, governor } = make();
    const startedAt = await governor.run(async (p) => p.startedAt);
    await clock.advanceTo(10);
    expect(governor.onRateLimited({ startedAt })).toBe(499);
    expect(governor.onRateLimited({ startedAt })).toBe(499);
    await clock.advanceTo(110);
    expect(governor.onRateLimited({ startedAt })).toBe(399);
    const later = governor.run(async (p) => p.startedAt);
    await clock.runAll();
    expect(await later).toBe(509);
    expect(governor.onRateLimited({ startedAt: 509 })).toBe(999);
  });

  it('a success resets the streak', () => {
    const { governor } = make();
    expect(governor.onRateLimited()).toBe(499);
    expect(governor.onRateLimited()).toBe(999);
    governor.onSuccess();
    expect(governor.onRateLimited()).toBe(499);
  });
});

describe('governor registry', () => {
  afterEach(() => resetGovernors());

  it('workspaceKeyFor is the first 16 hex chars of sha256(apiKey) and never the key itself', () => {
    expect(workspaceKeyFor('secret-key')).toBe('85dbe15d75ef9308');
    expect(workspaceKeyFor('secret-key')).toMatch(/^[0-9a-f]{16}$/);
    expect(workspaceKeyFor('other')).not.toBe(workspaceKeyFor('secret-key'));
  });

  it('returns one shared governor per workspace key; options apply on creation', () => {
    const a = governorFor('ws-1', { limits: { perSecond: 3 } });
    expect(governorFor('ws-1')).toBe(a);
    expect(a.limits).toEqual({ perSecond: 3, perMinute: 6_000 });
    expect(governorFor('ws-2')).not.toBe(a);
    expect(governorFor('ws-2').limits).toEqual({ perSecond: 100, perMinute: 6_000 });
  });
});

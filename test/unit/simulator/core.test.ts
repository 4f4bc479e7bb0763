import { z } from 'zod';
import { uuidv7 } from '../../../simulator/core/ids';
import { paginate } from '../../../simulator/core/pagination';
import { describeIssue } from '../../../simulator/core/validation';
import { RateLimiter } from '../../../simulator/http/rate-limiter';
import { routeMatcher } from '../../../simulator/http/router';

describe('RateLimiter (sliding windows)', () => {
  it('admits 100 in any second, then frees capacity as the window slides', () => {
    const limiter = new RateLimiter({ perSecond: 100, perMinute: 6000 });
    const admitted = Array.from({ length: 120 }, (_, i) => limiter.admit('w', 1_000 + i * 5)).filter(
      Boolean,
    ).length;
    expect(admitted).toBe(100);
    expect(limiter.admit('w', 1_999)).toBe(false);
    expect(limiter.admit('w', 2_001)).toBe(true);
    expect(limiter.maxObservedPerSecond('w')).toBe(121);
  });

  it('enforces the minute budget across seconds', () => {
    const limiter = new RateLimiter({ perSecond: 100, perMinute: 250 });
    let ok = 0;
    for (let s = 0; s < 5; s += 1)
      for (let i = 0; i < 80; i += 1) ok += limiter.admit('w', s * 1000 + i) ? 1 : 0;
    expect(ok).toBe(250);
    expect(limiter.admit('w', 60_001)).toBe(true);
  });

  it('records the most arrivals (admitted or refused) in any sliding 60 s, per workspace', () => {
    const limiter = new RateLimiter(false);
    for (let i = 0; i < 90; i += 1) limiter.admit('w', i * 1_000); // one per second for 90 s
    limiter.admit('other', 0);
    expect(limiter.maxObservedPerMinute('w')).toBe(60);
    expect(limiter.maxObservedPerMinute('other')).toBe(1);
    limiter.reset();
    expect(limiter.maxObservedPerMinute('w')).toBe(0);
  });
});

describe('routeMatcher', () => {
  it('matches methods, :id patterns, wildcards and /api/v2-relative paths', () => {
    expect(routeMatcher('POST /api/v2/leads/add')('POST', '/api/v2/leads/add')).toBe(true);
    expect(routeMatcher('POST /api/v2/leads/add')('GET', '/api/v2/leads/add')).toBe(false);
    expect(routeMatcher('GET /campaigns/:id')('GET', '/api/v2/campaigns/abc')).toBe(true);
    expect(routeMatcher('GET /campaigns/:id')('GET', '/api/v2/campaigns/abc/pause')).toBe(false);
    expect(routeMatcher('* /api/v2/webhooks/*')('DELETE', '/api/v2/webhooks/x')).toBe(true);
    expect(routeMatcher(undefined)('GET', '/anything')).toBe(true);
  });
});

describe('AJV-style messages', () => {
  const schema = z.strictObject({ a: z.object({ b: z.number().max(3) }), c: z.enum(['x', 'y']).optional() });
  const first = (data: unknown) => describeIssue(schema.safeParse(data).error!.issues[0]!, data, 'body');

  it('names the field the way Fastify does', () => {
    expect(first({})).toBe("body must have required property 'a'");
    expect(first({ a: { b: 'no' } })).toBe('body/a/b must be number');
    expect(first({ a: { b: 9 } })).toBe('body/a/b must be <= 3');
    expect(first({ a: { b: 1 }, c: 'z' })).toBe('body/c must be equal to one of the allowed values');
    expect(first({ a: { b: 1 }, d: 1 })).toBe("body must NOT have additional properties ('d')");
  });
});

describe('ids and pagination', () => {
  it('mints strictly increasing UUIDv7 strings', () => {
    const ids = Array.from({ length: 500 }, () => uuidv7());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(500);
  });

  it('always returns a cursor on a non-empty page and none on an empty one', () => {
    const items = ['a', 'b', 'c'].map((id) => ({ id }));
    expect(paginate(items, (i) => i.id, 2)).toEqual({
      items: [{ id: 'a' }, { id: 'b' }],
      next_starting_after: 'b',
    });
    expect(paginate(items, (i) => i.id, 2, 'b')).toEqual({ items: [{ id: 'c' }], next_starting_after: 'c' });
    expect(paginate(items, (i) => i.id, 2, 'c')).toEqual({ items: [] });
  });
});

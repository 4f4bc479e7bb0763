import { createInstantlyClient } from '../../../lib/instantly/client';
import { RateGovernor } from '../../../lib/instantly/governor';
import { utcDate, webhookEventDateWindow } from '../../../lib/instantly/webhook-event-window';
import { fakeFetch } from './helpers/fake-fetch';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('GET /webhook-events from/to are YYYY-MM-DD dates (format: date), never timestamps', () => {
  it('the window starts one day before since (any time zone Instantly may read the day in)', () => {
    expect(webhookEventDateWindow(new Date('2026-12-03T05:00:00Z'))).toEqual({ from: '2026-12-02' });
    expect(webhookEventDateWindow(new Date('2026-12-03T23:59:59.999Z'))).toEqual({ from: '2026-12-02' });
    expect(webhookEventDateWindow(new Date('2026-01-01T00:00:00Z'))).toEqual({ from: '2025-12-31' });
  });

  it('covers every attempt at or after since for UTC offsets from -12 h to +14 h', () => {
    const since = new Date('2026-03-10T00:30:00Z');
    const { from } = webhookEventDateWindow(since);
    for (let offsetH = -12; offsetH <= 14; offsetH += 1) {
      // Instantly reading `from` in a zone at offsetH: the window starts at local midnight of that day.
      const startUtc = Date.parse(`${from}T00:00:00Z`) - offsetH * 3_600_000;
      expect(startUtc).toBeLessThanOrEqual(since.getTime());
    }
  });

  it('a closed window ends one day after until and refuses an inverted range', () => {
    expect(
      webhookEventDateWindow(new Date('2026-12-01T10:00:00Z'), new Date('2026-12-03T10:00:00Z')),
    ).toEqual({ from: '2026-11-30', to: '2026-12-04' });
    expect(() => webhookEventDateWindow(new Date('2026-12-03'), new Date('2026-12-01'))).toThrow(RangeError);
    expect(() => utcDate(new Date('nope'))).toThrow(RangeError);
  });

  it('the client sends from as a date and refuses a timestamp before sending', async () => {
    const fake = fakeFetch([{ status: 200, json: { items: [] } }]);
    const instantly = createInstantlyClient({
      apiKey: 'k',
      baseUrl: 'https://sim.test/api/v2',
      fetch: fake.fetch,
      governor: new RateGovernor(),
    });
    await instantly.listWebhookEvents({ ...webhookEventDateWindow(new Date()), success: false });
    expect(fake.requests[0]!.url.searchParams.get('from')).toMatch(DATE);
    const iso = new Date().toISOString();
    await expect(instantly.listWebhookEvents({ from: iso })).rejects.toMatchObject({
      kind: 'invalid_request',
    });
    await expect(instantly.iterateWebhookEvents({ to: iso }).next()).rejects.toThrow(/YYYY-MM-DD/);
    expect(fake.requests).toHaveLength(1);
  });
});

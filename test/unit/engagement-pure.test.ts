import {
  compareCounters,
  compareSteps,
  missingSomething,
  stepFigures,
} from '../../activities/engagement-drift';
import { instantlyWebhookSchema } from '../../contracts/schemas/instantly-webhook';
import { dedupeKey, normalizeEmail, pollDedupeKey } from '../../lib/engagement/dedupe';
import { strippedPayload } from '../../lib/engagement/ingest';

const counters = {
  emailsSent: 10,
  contacted: 5,
  opened: 3,
  clicked: 1,
  replied: 1,
  autoReplied: 0,
  bounced: 0,
  unsubscribed: 0,
};

describe('engagement pure helpers', () => {
  const payload = {
    timestamp: '2026-03-02T10:00:00.000Z',
    event_type: 'email_opened',
    campaign_id: 'c1',
    lead_email: ' Jane@Example.COM ',
    step: 2,
    variant: 1,
    email_id: 'e1',
  };

  it('keys an event by type, campaign, lower-cased email, step, variant, email id and timestamp', () => {
    const key = dedupeKey(instantlyWebhookSchema.parse(payload));
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(
      dedupeKey(instantlyWebhookSchema.parse({ ...payload, lead_email: 'jane@example.com', firstName: 'x' })),
    ).toBe(key);
    expect(dedupeKey(instantlyWebhookSchema.parse({ ...payload, step: '2' }))).toBe(key); // quoted numbers
    for (const change of [
      { event_type: 'link_clicked' },
      { step: 3 },
      { variant: 2 },
      { email_id: 'e2' },
      { timestamp: '2026-03-02T10:00:01.000Z' },
      { campaign_id: 'c2' },
    ]) {
      expect(dedupeKey(instantlyWebhookSchema.parse({ ...payload, ...change }))).not.toBe(key);
    }
    expect(pollDedupeKey('email_opened', 'c1', 'JANE@example.com')).toBe(
      pollDedupeKey('email_opened', 'c1', 'jane@example.com'),
    );
    expect(normalizeEmail('  ')).toBeNull();
  });

  it('keeps unknown fields and custom labels, requires event_type and timestamp', () => {
    expect(
      instantlyWebhookSchema.parse({ ...payload, event_type: 'Hot lead', favourite: 'tea' }),
    ).toMatchObject({ event_type: 'Hot lead', favourite: 'tea' });
    expect(instantlyWebhookSchema.safeParse({ ...payload, event_type: '' }).success).toBe(false);
    expect(instantlyWebhookSchema.safeParse({ ...payload, timestamp: 'soon' }).success).toBe(false);
  });

  it('strips a payload down to type, time, step, variant and campaign references', () => {
    expect(
      strippedPayload({ ...payload, reply_text: 'hi', firstName: 'Jane', workspace: 'w', unibox_url: 'u' }),
    ).toEqual({
      timestamp: payload.timestamp,
      event_type: 'email_opened',
      campaign_id: 'c1',
      step: 2,
      variant: 1,
      email_id: 'e1',
      workspace: 'w',
    });
  });

  it('reports drift per counter and repairs only when Instantly saw more', () => {
    const diff = compareCounters(
      { emails_sent_count: 12, contacted_count: 5, open_count_unique: 2 },
      counters,
    );
    expect(diff).toEqual({ emailsSent: { instantly: 12, ours: 10 }, opened: { instantly: 2, ours: 3 } });
    expect(missingSomething(diff)).toBe(true);
    expect(missingSomething({ opened: { instantly: 2, ours: 3 } })).toBe(false);
    expect(compareCounters({}, counters)).toEqual({});
  });

  it('compares step analytics (variant 0-based; step base detected) on sent', () => {
    const ours = [
      { step: 1, variant: 1, sent: 5 },
      { step: 2, variant: 2, sent: 3 },
    ];
    expect(
      compareSteps(
        stepFigures([
          { step: '0', variant: '0', sent: 5 },
          { step: '1', variant: '1', sent: 4 },
        ]),
        ours,
      ),
    ).toEqual({ compared: 2, differing: 1 });
    expect(
      compareSteps(
        stepFigures([
          { step: '1', variant: '0', sent: 5 },
          { step: '2', variant: '1', sent: 3 },
        ]),
        ours,
      ),
    ).toEqual({ compared: 2, differing: 0 });
    expect(compareSteps([], ours)).toBeNull();
  });

  it('reads step figures: totals, 1-based numbering, hostile numbers dropped or bounded, repeats merged', () => {
    expect(
      stepFigures([
        { step: '0', variant: '1', sent: 7, opened: 4, clicks: 1, replies: 2 },
        { step: '0', variant: '1', sent: 9, opened: 3, clicks: null, replies: 2 },
        { step: '1', variant: null, sent: -3, opened: 1.5, clicks: 2 ** 60, replies: Number.NaN },
        { step: null, variant: '0', sent: 100 },
        { step: 'x', variant: '0', sent: 100 },
        { step: '2', variant: '0' },
      ]),
    ).toEqual([
      { step: 1, variant: 2, sent: 9, opened: 4, clicked: 1, replied: 2 },
      { step: 2, variant: 1, sent: 0, opened: 0, clicked: 0, replied: 0 },
    ]);
  });
});

import { createInstantlyClient } from '../../../lib/instantly/client';
import { EMAILS_LIMITS } from '../../../lib/instantly/emails';
import { RateGovernor } from '../../../lib/instantly/governor';
import { FakeClock, flush } from './helpers/fake-clock';
import { fakeFetch } from './helpers/fake-fetch';

const email = (id: string) => ({
  id,
  timestamp_created: '2026-01-01T00:00:00.000Z',
  timestamp_email: '2026-01-01T00:00:00.000Z',
  message_id: `<${id}@x>`,
  subject: 'Re: hi',
  to_address_email_list: 'me@example.com',
  body: { text: 'Thanks' },
  organization_id: 'org',
  eaccount: 'me@example.com',
  lead: 'lead@example.com',
  is_auto_reply: 0,
});

// GET /emails has its own 20 requests/minute (instantly-api-v2.md §1.4): the workspace's 6,000/min would let
// a recovery pass run into 429s, so the client takes a permit of a separate per-workspace governor first.
describe('GET /emails', () => {
  it('starts at most 20 requests in any minute, whatever the workspace governor allows', async () => {
    const clock = new FakeClock();
    const fake = fakeFetch([{ status: 200, json: { items: [email('e-1')] } }]);
    const instantly = createInstantlyClient({
      apiKey: 'emails-key-1',
      baseUrl: 'https://sim.test/api/v2',
      fetch: fake.fetch,
      governor: new RateGovernor(),
      emailsGovernor: new RateGovernor({ limits: EMAILS_LIMITS, clock }),
    });
    const calls = Array.from({ length: 25 }, () => instantly.listEmails({ limit: 1 }));
    await clock.advanceTo(59_000);
    await flush();
    expect(fake.requests).toHaveLength(20);
    await clock.advanceTo(61_000);
    await Promise.all(calls);
    expect(fake.requests).toHaveLength(25);
    expect(fake.requests[0]!.url.pathname).toBe('/api/v2/emails');
    expect(fake.requests[0]!.url.searchParams.get('limit')).toBe('1');
  });

  it('pages with starting_after and refuses a limit outside 1-100 before sending', async () => {
    const fake = fakeFetch((req) =>
      req.url.searchParams.get('starting_after') === 'e-2'
        ? { status: 200, json: { items: [] } }
        : { status: 200, json: { items: [email('e-1'), email('e-2')], next_starting_after: 'e-2' } },
    );
    const instantly = createInstantlyClient({
      apiKey: 'emails-key-2',
      baseUrl: 'https://sim.test/api/v2',
      fetch: fake.fetch,
      governor: new RateGovernor(),
      emailsGovernor: new RateGovernor({ limits: EMAILS_LIMITS }),
    });
    const ids: string[] = [];
    for await (const m of instantly.iterateEmails({ campaign_id: 'c', email_type: 'received', limit: 2 }))
      ids.push(m.id);
    expect(ids).toEqual(['e-1', 'e-2']);
    expect(fake.requests.map((r) => r.url.searchParams.get('email_type'))).toEqual(['received', 'received']);
    await expect(instantly.listEmails({ limit: 101 })).rejects.toThrow(/limit/);
    expect(fake.requests).toHaveLength(2);
  });

  it('by default every client of a workspace shares one 20/min emails governor, apart from the workspace one', () => {
    const a = createInstantlyClient({ apiKey: 'emails-key-3', fetch: fakeFetch([]).fetch });
    const b = createInstantlyClient({ apiKey: 'emails-key-3', fetch: fakeFetch([]).fetch });
    const other = createInstantlyClient({ apiKey: 'emails-key-4', fetch: fakeFetch([]).fetch });
    expect(a.emailsGovernor).toBe(b.emailsGovernor);
    expect(a.emailsGovernor).not.toBe(other.emailsGovernor);
    expect(a.emailsGovernor).not.toBe(a.governor);
    expect(a.emailsGovernor.limits).toEqual({ perSecond: 20, perMinute: 20 });
    expect(a.governor.limits).toEqual({ perSecond: 100, perMinute: 6_000 });
  });
});

import { createHash, randomUUID } from 'node:crypto';
import { NON_PII_PAYLOAD_KEYS } from '../../lib/engagement/pii';
import { exportBody, makeBusinesses } from '../fixtures/businesses';
import { seedCampaign } from '../helpers/seed';
import { startTestStack, waitForExport, type TestStack } from '../helpers/stack';

// Issue 11 item 4: erasure covers the person (normalised e-mail), not only the business's own rows, and it stays
// erased: later exports skip the address and later webhooks for it are stored without personal data.
const SECRET = 'erasure-webhook-secret-0123456789';
const PERSON = 'erase.me@example.com';
const PHONE = '+1 555 867 5309';

describe('personal-data erasure by e-mail (API → PostgreSQL, real export through Temporal + simulator)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ name: 'erasure', env: { WEBHOOK_SECRET: SECRET } });
  });
  afterAll(async () => stack?.stop());

  const webhook = async (body: Record<string, unknown>) => {
    const res = await fetch(`${stack.apiUrl}/api/webhooks/instantly`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-webhook-secret': SECRET },
      body: JSON.stringify(body),
    });
    expect(res.status).toBeLessThan(300);
  };
  const reply = (email: string, campaignId = randomUUID()) => ({
    timestamp: new Date().toISOString(),
    event_type: 'reply_received',
    workspace: randomUUID(),
    campaign_id: campaignId,
    lead_email: email,
    step: 1,
    variant: 0,
    email_id: randomUUID(),
    reply_text: `Sure, call me at ${PHONE}`,
    reply_subject: 'Re: a quick idea',
    firstName: 'Erin',
  });
  const eventOf = async (emailId: string) => {
    for (let i = 0; i < 100; i++) {
      const rows = await stack.db.prisma.instantlyEvent.findMany();
      const e = rows.find((r) => (r.payload as { email_id?: string }).email_id === emailId);
      if (e) return e;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`event ${emailId} was not stored`);
  };
  const expectRedacted = (e: { leadEmail: string | null; payload: unknown }) => {
    expect(e.leadEmail).toBeNull();
    const keys = Object.keys(e.payload as object);
    expect(keys.every((k) => (NON_PII_PAYLOAD_KEYS as readonly string[]).includes(k))).toBe(true);
    expect(JSON.stringify(e.payload)).not.toMatch(/erase\.me|867 5309|Erin/i);
  };

  it('redacts an unmatched reply and the same address in another campaign, then keeps it out of exports and webhooks', async () => {
    const prisma = stack.db.prisma;
    const first = await seedCampaign(prisma, {
      businesses: [{ name: 'Erin’s Bakery', email: 'Erase.Me@Example.com', phone: PHONE, firstName: 'Erin' }],
    });
    const other = await seedCampaign(prisma, { businesses: [{ name: 'Erin again', email: ` ${PERSON} ` }] });
    const [target] = await prisma.business.findMany({ where: { campaignId: first.campaignId } });
    const [twin] = await prisma.business.findMany({ where: { campaignId: other.campaignId } });
    // A reply to an Instantly campaign we do not know: stored unmatched, with the address and the phone number.
    const unmatched = reply('ERASE.ME@example.com');
    await webhook(unmatched);
    const before = await eventOf(unmatched.email_id);
    expect(before).toMatchObject({ unmatched: true, businessId: null, leadEmail: PERSON });
    expect(JSON.stringify(before.payload)).toContain(PHONE);

    const res = await stack.request('DELETE', `/api/businesses/${target!.id}/personal-data`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      businessId: target!.id,
      personalDataDeletedAt: expect.any(String),
      eventsRedacted: 1,
      otherBusinessesCleared: 1,
      addressSuppressed: true,
    });
    expectRedacted(await eventOf(unmatched.email_id));
    for (const id of [target!.id, twin!.id]) {
      const b = await prisma.business.findUniqueOrThrow({ where: { id } });
      expect(b).toMatchObject({ name: '[deleted]', email: null, phone: null, firstName: null });
      expect(b.personalDataDeletedAt).not.toBeNull();
    }
    // Only the hash of the normalised address is kept.
    const suppressions = await prisma.personalDataSuppression.findMany();
    expect(suppressions).toEqual([
      {
        organizationId: first.organizationId,
        emailSha256: createHash('sha256').update(PERSON).digest('hex'),
        erasedBusinessId: target!.id,
        reason: 'erasure',
        createdAt: expect.any(Date),
      },
    ]);
    const again = await stack.request('DELETE', `/api/businesses/${target!.id}/personal-data`);
    expect(again.body).toMatchObject({ otherBusinessesCleared: 0, addressSuppressed: false });
    expect(await prisma.personalDataSuppression.count()).toBe(1);

    // The lead list is imported again later (new business rows, other spelling): the export skips the address.
    const keep = makeBusinesses(2, 'keep');
    const later = await seedCampaign(prisma, {
      businesses: [...keep, { ...makeBusinesses(1, 'x')[0]!, email: 'Erase.ME@example.com ' }],
    });
    const started = await stack.request(
      'POST',
      `/api/campaigns/${later.campaignId}/export-to-instantly`,
      exportBody(),
    );
    expect(started.status).toBe(202);
    const done = await waitForExport(stack, started.body.exportId);
    expect(done.status).toBe('completed');
    expect(done.result.counters).toMatchObject({ eligible: 2, sent: 2, uploaded: 2 });
    const ws = stack.sim.state.workspace(stack.apiKey);
    const sent = [...ws.leads.values()].filter((l) => l.campaign === done.result.instantlyCampaignId);
    expect(sent.map((l) => l.email).sort()).toEqual(keep.map((b) => b.email).sort());

    // Later webhooks for the address, to that export and to an unknown campaign, are stored without it;
    // another lead's event keeps its address.
    const matched = reply(PERSON, done.result.instantlyCampaignId);
    const stray = reply(' Erase.Me@EXAMPLE.com');
    const control = reply(keep[0]!.email!, done.result.instantlyCampaignId);
    for (const e of [matched, stray, control]) await webhook(e);
    expectRedacted(await eventOf(matched.email_id));
    expectRedacted(await eventOf(stray.email_id));
    const kept = await eventOf(control.email_id);
    expect(kept.leadEmail).toBe(keep[0]!.email);
    expect(JSON.stringify(kept.payload)).toContain(PHONE);
  });
});

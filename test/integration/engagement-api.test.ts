import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { recountExports } from '../../db/engagement-counters';
import { NON_PII_PAYLOAD_KEYS } from '../../lib/engagement/pii';
import {
  ENGAGEMENT_API_TOKEN,
  eventually,
  settled,
  startEngagementStack,
  type EngagementStack,
} from '../helpers/engagement-stack';
import { seedExport, type SeededExport } from '../helpers/seed-export';
import { checkResponse } from '../helpers/openapi-check';

// The engagement read API (our database only), on-demand sync and personal-data deletion.
describe('engagement API (supertest against the running stack)', () => {
  let stack: EngagementStack;
  let seeded: SeededExport;
  const api = () => request(stack.apiUrl);
  const auth = { authorization: `Bearer ${ENGAGEMENT_API_TOKEN}` };

  beforeAll(async () => {
    stack = await startEngagementStack({ name: 'engagement-api' });
    expect((await stack.request('POST', '/api/instantly/webhooks')).status).toBe(201);
    seeded = await seedExport(stack.prisma, stack.instantly, { leads: 60 });
    await stack.sim.runCampaign(seeded.instantlyCampaignId, {
      seed: 41,
      replyRate: 0.3,
      clickRate: 0.5,
      concurrency: 8,
    });
    await settled(stack, seeded);
  });
  afterAll(() => stack?.stop());

  it('registers ONE workspace webhook: a second call finds it (200) and resumes it when disabled', async () => {
    const first = [...stack.sim.state.workspace(stack.env.INSTANTLY_API_KEY!).webhooks.values()];
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      event_type: 'all_events',
      target_hook_url: `${stack.apiUrl}/api/webhooks/instantly`,
      headers: { 'x-webhook-secret': stack.env.WEBHOOK_SECRET },
    });
    first[0]!.status = -1;
    const again = await api().post('/api/instantly/webhooks').set(auth);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      webhookId: first[0]!.id,
      status: 'active',
      created: false,
      resumed: true,
      test: { success: true },
    });
    expect(stack.sim.state.workspace(stack.env.INSTANTLY_API_KEY!).webhooks.size).toBe(1);
  });

  it('serves analytics, events and replies from our database, and syncs on demand', async () => {
    const base = `/api/campaigns/${seeded.campaignId}`;
    expect((await api().get(`/api/campaigns/${randomUUID()}/analytics`).set(auth)).status).toBe(404);
    expect((await api().get('/api/campaigns/x/analytics').set(auth)).body.error.details[0].path).toBe(
      'params.campaignId',
    );
    const truth = stack.sim.state.groundTruth(seeded.instantlyCampaignId).totals;
    const analytics = await api().get(`${base}/analytics`).set(auth);
    expect(analytics.status).toBe(200);
    checkResponse('GET', `${base}/analytics`, analytics); // the answer is the documented one (openapi.json)
    expect(analytics.body.funnel).toEqual({
      leads: 60,
      sent: truth.sent,
      emailsSent: truth.events.email_sent,
      opened: truth.opened,
      clicked: truth.clicked,
      replied: truth.replied,
      autoReplied: truth.autoReplied,
      bounced: truth.bounced,
      unsubscribed: truth.unsubscribed,
    });
    expect(analytics.body.steps.map((s: { step: number }) => s.step)).toEqual(
      expect.arrayContaining([1, 2, 3]),
    );
    expect(analytics.body.steps.reduce((a: number, s: { replied: number }) => a + s.replied, 0)).toBe(
      truth.events.reply_received,
    );
    // The step breakdown (read from the step counters the apply transaction maintains) equals a count of the
    // applied events themselves (a stand-in superseded by its real event counts no more: issue 18).
    const counted = await stack.prisma.$queryRawUnsafe<
      Array<{
        step: number;
        variant: number | null;
        sent: number;
        opened: number;
        clicked: number;
        replied: number;
      }>
    >(
      `SELECT step, variant,
         count(*) FILTER (WHERE event_type = 'email_sent')::int AS sent,
         count(*) FILTER (WHERE event_type = 'email_opened')::int AS opened,
         count(*) FILTER (WHERE event_type = 'link_clicked')::int AS clicked,
         count(*) FILTER (WHERE event_type = 'reply_received')::int AS replied
       FROM gmaps_instantly_events
       WHERE export_id = $1::uuid AND applied_at IS NOT NULL AND step IS NOT NULL AND superseded_by IS NULL
         AND event_type IN ('email_sent', 'email_opened', 'link_clicked', 'reply_received')
       GROUP BY step, variant ORDER BY step, coalesce(variant, 0)`,
      seeded.exportId,
    );
    const steps = analytics.body.steps as Array<{ step: number; variant: number | null; fromEvents: object }>;
    expect(steps.map((s) => ({ step: s.step, variant: s.variant, ...s.fromEvents }))).toEqual(counted);
    for (const s of analytics.body.steps as Array<
      Record<string, number> & { fromEvents: Record<string, number> }
    >)
      for (const m of ['sent', 'opened', 'clicked', 'replied'])
        expect(s[m]).toBeGreaterThanOrEqual(s.fromEvents[m]!);
    expect(analytics.body.exports).toHaveLength(1);
    const pages: string[] = [];
    for (let cursor: string | null = null, n = 0; n < 50; n += 1) {
      const page = await api()
        .get(`${base}/events`)
        .query({ type: 'reply_received', limit: 3, ...(cursor ? { cursor } : {}) })
        .set(auth);
      pages.push(...page.body.items.map((i: { id: string }) => i.id));
      cursor = page.body.nextCursor as string | null;
      if (!cursor) break;
    }
    expect(pages).toHaveLength(truth.events.reply_received!);
    expect([...pages].sort((a, b) => Number(b) - Number(a))).toEqual(pages);
    const asc = await api().get(`${base}/events`).query({ order: 'asc', limit: 500 }).set(auth);
    expect(asc.body.items.length).toBeGreaterThan(100);
    expect((await api().get(`${base}/events`).query({ limit: 0 }).set(auth)).body.error.details[0].path).toBe(
      'query.limit',
    );
    const replies = await api().get(`${base}/replies`).query({ limit: 100 }).set(auth);
    expect(replies.body.items).toHaveLength(truth.events.reply_received!);
    expect(replies.body.items[0]).toEqual(
      expect.objectContaining({
        businessId: expect.any(String),
        email: expect.stringContaining('@'),
        replyText: expect.any(String),
        uniboxUrl: expect.stringContaining('unibox'),
      }),
    );
    const before = (await stack.prisma.instantlyExport.findUniqueOrThrow({ where: { id: seeded.exportId } }))
      .lastSyncedAt!;
    // Instantly disabled our webhook after delivery failures: the sync resumes it and reports it.
    const hook = [...stack.sim.state.workspace(stack.env.INSTANTLY_API_KEY!).webhooks.values()][0]!;
    hook.status = -1;
    const resumesBefore = stack.sim.countRequests('POST /webhooks/:id/resume');
    const sync = await api().post(`${base}/sync`).set(auth);
    expect(sync.status).toBe(202);
    expect(sync.body).toEqual({ campaignId: seeded.campaignId, signalled: 1 });
    await eventually(async () => {
      const exp = await stack.prisma.instantlyExport.findUniqueOrThrow({ where: { id: seeded.exportId } });
      return exp.lastSyncedAt! > before ? exp : undefined;
    }, 'the on-demand sync');
    expect(hook.status).toBe(1);
    expect(stack.sim.countRequests('POST /webhooks/:id/resume')).toBe(resumesBefore + 1);
    const settings = await stack.prisma.instantlySettings.findFirstOrThrow();
    expect(settings.webhookId).toBe(hook.id); // then the final sync saw it active again
  });

  it('deletes a business’s personal data and strips its events, keeping every count', async () => {
    const replied = await stack.prisma.business.findFirstOrThrow({
      where: { campaignId: seeded.campaignId, instantlyRepliedAt: { not: null } },
    });
    const countsBefore = (await api().get(`/api/campaigns/${seeded.campaignId}/analytics`).set(auth)).body
      .funnel;
    expect((await api().delete(`/api/businesses/${randomUUID()}/personal-data`).set(auth)).status).toBe(404);
    const res = await api().delete(`/api/businesses/${replied.id}/personal-data`).set(auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      businessId: replied.id,
      personalDataDeletedAt: expect.any(String),
      eventsRedacted: expect.any(Number),
      otherBusinessesCleared: 0,
      addressSuppressed: true,
    });
    const after = await stack.prisma.business.findUniqueOrThrow({ where: { id: replied.id } });
    expect(after).toMatchObject({
      name: '[deleted]',
      email: null,
      phone: null,
      website: null,
      firstName: null,
      icebreaker: null,
      instantlyReplyText: null,
      instantlyReplySubject: null,
      instantlyRepliedAt: replied.instantlyRepliedAt,
      instantlyEngagementScore: 4,
    });
    const events = await stack.prisma.instantlyEvent.findMany({ where: { businessId: replied.id } });
    expect(events.length).toBe(res.body.eventsRedacted);
    for (const e of events) {
      expect(e.leadEmail).toBeNull();
      expect(
        Object.keys(e.payload as object).every((k) =>
          (NON_PII_PAYLOAD_KEYS as readonly string[]).includes(k),
        ),
      ).toBe(true);
      expect(e.payload).toHaveProperty('event_type');
    }
    // The erasure kept the counters (leads are their businesses), and a full recount from the stripped events
    // gives the same numbers.
    expect((await api().get(`/api/campaigns/${seeded.campaignId}/analytics`).set(auth)).body.funnel).toEqual(
      countsBefore,
    );
    await recountExports(stack.prisma, [seeded.exportId]);
    expect((await api().get(`/api/campaigns/${seeded.campaignId}/analytics`).set(auth)).body.funnel).toEqual(
      countsBefore,
    );
    const inbox = await api()
      .get(`/api/campaigns/${seeded.campaignId}/replies`)
      .query({ limit: 100 })
      .set(auth);
    expect(inbox.body.items.find((i: { businessId: string }) => i.businessId === replied.id)).toMatchObject({
      email: null,
      replyText: null,
    });
  });
});

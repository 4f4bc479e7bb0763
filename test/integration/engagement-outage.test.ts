import { engagementWorkflowId } from '../../contracts/workflow-ids';
import { campaignEngagementWorkflow } from '../../workflows';
import { stepAnalytics } from '../../simulator/state/analytics-breakdown';
import { stream } from '../helpers/engagement-truth';
import { settled, startEngagementStack, type EngagementStack } from '../helpers/engagement-stack';
import { seedExport, type SeededExport } from '../helpers/seed-export';

// Issue 18 item 3: reply webhooks lost in an outage (and not in the delivery log) leave reply stand-ins without
// text; the sync reads the texts, subjects and auto-replies back from Instantly's GET /emails.
describe('engagement outage: replies recovered from GET /emails', () => {
  let stack: EngagementStack;
  const LOST = new Set(['reply_received', 'auto_reply_received']);

  beforeAll(async () => {
    stack = await startEngagementStack({
      name: 'engagement-outage',
      env: { ENGAGEMENT_POLL_INTERVAL: '3s' },
    });
    expect((await stack.request('POST', '/api/instantly/webhooks')).status).toBe(201);
  });
  afterAll(() => stack?.stop());

  /** One more run of the workflow: it syncs, sees the campaign completed with nothing to repair, and ends. */
  const syncAgain = async (s: SeededExport) => {
    const handle = await stack.temporal.workflow.start(campaignEngagementWorkflow, {
      taskQueue: stack.taskQueue,
      workflowId: engagementWorkflowId(s.instantlyCampaignId),
      args: [
        {
          instantlyCampaignId: s.instantlyCampaignId,
          exportId: s.exportId,
          pollIntervalMs: 500,
          completionQuietMs: 500,
        },
      ],
    });
    await handle.result();
  };

  /** Everything a sync could change for this export: events, lead columns, counters. */
  const snapshot = async (s: SeededExport) => ({
    events: await stack.prisma.instantlyEvent.findMany({
      where: { exportId: s.exportId },
      orderBy: { id: 'asc' },
      select: {
        id: true,
        payload: true,
        occurredAt: true,
        supersededBy: true,
        source: true,
        eventType: true,
      },
    }),
    businesses: await stack.prisma.business.findMany({
      where: { campaignId: s.campaignId },
      orderBy: { id: 'asc' },
    }),
    counters: await stack.prisma.instantlyExport.findUniqueOrThrow({
      where: { id: s.exportId },
      select: { repliedCount: true, autoRepliedCount: true, contactedCount: true, emailsSentCount: true },
    }),
  });

  it('a sync after lost reply webhooks fills the inbox text and subject as Instantly holds them; a second sync changes nothing', async () => {
    const seeded = await seedExport(stack.prisma, stack.instantly, { leads: 150 });
    const payloads = await stack.sim.generateStory(seeded.instantlyCampaignId, { seed: 18, replyRate: 0.35 });
    const truth = stack.sim.state.groundTruth(seeded.instantlyCampaignId);
    const replied = Object.values(truth.leads).filter((t) => t.repliedAt !== null);
    const autoReplied = Object.values(truth.leads).filter((t) => t.autoReplied);
    expect(replied.length).toBeGreaterThan(10);
    expect(autoReplied.length).toBeGreaterThan(0);
    stack.sim.clearRequests();
    // The outage: every reply and auto-reply webhook is lost (and not in the delivery log); the rest arrives.
    await stream(
      stack,
      payloads.filter((p) => !LOST.has(p.event_type)),
      { chunk: 100, pauseMs: 50, seed: 5 },
    );
    await settled(stack, seeded, 120_000);

    // The reply inbox: one row per replying lead, with exactly the text, subject and time of its first reply.
    const inbox = await stack.request('GET', `/api/campaigns/${seeded.campaignId}/replies?limit=100`);
    expect(inbox.status).toBe(200);
    const rows = (
      inbox.body.items as Array<{
        email: string;
        replyText: unknown;
        replySubject: unknown;
        repliedAt: string;
      }>
    )
      .map((r) => ({
        email: r.email.toLowerCase(),
        text: r.replyText,
        subject: r.replySubject,
        at: r.repliedAt,
      }))
      .sort((a, b) => (a.email < b.email ? -1 : 1));
    const expected = replied
      .map((t) => ({
        email: t.email.toLowerCase(),
        text: t.replyText,
        subject: t.replySubject,
        at: t.repliedAt,
      }))
      .sort((a, b) => (a.email < b.email ? -1 : 1));
    expect(rows).toEqual(expected);
    // Each time was read back from the e-mail list: the reply's own time, not an approximation.
    for (const r of inbox.body.items) expect(r).toMatchObject({ repliedAtApproximated: false });
    // The lead columns say the same, with the first reply's own time (nothing for a lead that did not reply).
    const businesses = await stack.prisma.business.findMany({ where: { campaignId: seeded.campaignId } });
    const byEmail = new Map(replied.map((t) => [t.email.toLowerCase(), t]));
    for (const b of businesses) {
      const t = byEmail.get((b.email ?? '').toLowerCase());
      expect({
        text: b.instantlyReplyText,
        subject: b.instantlyReplySubject,
        at: b.instantlyRepliedAt?.toISOString() ?? null,
      }).toEqual({ text: t?.replyText ?? null, subject: t?.replySubject ?? null, at: t?.repliedAt ?? null });
    }
    // Auto-replies: one per lead that auto-replied, counted in the export's counter.
    const autos = await stack.prisma.instantlyEvent.findMany({
      where: { exportId: seeded.exportId, eventType: 'auto_reply_received', supersededBy: null },
      select: { leadEmail: true },
    });
    expect(autos.map((a) => a.leadEmail).sort()).toEqual(
      autoReplied.map((t) => t.email.toLowerCase()).sort(),
    );
    const exp = await stack.prisma.instantlyExport.findUniqueOrThrow({ where: { id: seeded.exportId } });
    expect(exp.autoRepliedCount).toBe(truth.totals.autoReplied);
    expect(exp.repliedCount).toBe(truth.totals.replied);
    const emailReads = stack.sim.countRequests('GET /api/v2/emails');
    expect(emailReads).toBeGreaterThan(0);
    expect(exp.driftHistory).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          repaired: expect.objectContaining({
            fromEmails: { replyTexts: replied.length, autoReplies: autoReplied.length },
          }),
        }),
      ]),
    );

    // A second sync changes nothing and spends none of GET /emails' 20 requests/minute.
    const before = await snapshot(seeded);
    const syncedBefore = exp.lastSyncedAt!.getTime();
    await syncAgain(seeded);
    const after = await stack.prisma.instantlyExport.findUniqueOrThrow({ where: { id: seeded.exportId } });
    expect(after.lastSyncedAt!.getTime()).toBeGreaterThan(syncedBefore);
    expect(await snapshot(seeded)).toEqual(before);
    expect(stack.sim.countRequests('GET /api/v2/emails')).toBe(emailReads);
    console.log(
      `outage: ${replied.length} reply texts and ${autoReplied.length} auto-replies recovered with ${emailReads} GET /emails`,
    );
  }, 240_000);

  it("a sync after lost follow-up send webhooks repairs step figures and total sends from Instantly's step analytics", async () => {
    const seeded = await seedExport(stack.prisma, stack.instantly, { leads: 120 });
    const payloads = await stack.sim.generateStory(seeded.instantlyCampaignId, { seed: 33, replyRate: 0.1 });
    // The outage: every follow-up send (step 2 and 3) and every open is lost, and not in the delivery log. The leads' counters
    // cannot tell (the lead was contacted at step 1), so only Instantly's step analytics know.
    const lost = (p: { event_type: string; step?: unknown }) =>
      (p.event_type === 'email_sent' && Number(p.step) >= 2) || p.event_type === 'email_opened';
    expect(payloads.filter(lost).length).toBeGreaterThan(20);
    await stream(
      stack,
      payloads.filter((p) => !lost(p)),
      { chunk: 100, pauseMs: 50, seed: 9 },
    );
    await settled(stack, seeded, 120_000);

    const { ws } = stack.sim.state.findCampaign(seeded.instantlyCampaignId)!;
    const instantlySteps = stepAnalytics(ws.eventsOf(seeded.instantlyCampaignId), false).map((r) => ({
      step: Number(r.step) + 1,
      variant: Number(r.variant) + 1,
      sent: Number(r.sent),
    }));
    const instantlyTotal = instantlySteps.reduce((a, r) => a + r.sent, 0);
    const analytics = await stack.request('GET', `/api/campaigns/${seeded.campaignId}/analytics`);
    expect(analytics.status).toBe(200);
    const steps = analytics.body.steps as Array<{
      step: number;
      variant: number;
      sent: number;
      fromEvents: { sent: number };
      instantly: { sent: number } | null;
    }>;
    // Shown: Instantly's figures for every step; our events alone hold only the step-1 sends.
    expect(steps.map(({ step, variant, sent }) => ({ step, variant, sent }))).toEqual(instantlySteps);
    const fromEvents = steps.reduce((a, r) => a + r.fromEvents.sent, 0);
    expect(fromEvents).toBe(instantlySteps.filter((r) => r.step === 1).reduce((a, r) => a + r.sent, 0));
    expect(fromEvents).toBeLessThan(instantlyTotal);
    expect(analytics.body.funnel.emailsSent).toBe(instantlyTotal);
    expect(analytics.body.exports[0].counters.emailsSent).toBe(instantlyTotal);
    expect(analytics.body.exports[0].stepFiguresSyncedAt).toEqual(expect.any(String));
    // Repair synthesized no send events for them: the event log still holds only what was delivered.
    const sends = await stack.prisma.instantlyEvent.count({
      where: { exportId: seeded.exportId, eventType: 'email_sent', supersededBy: null },
    });
    expect(sends).toBe(fromEvents);
    // Opens come back as one stand-in per lead that opened, each marked: its time is the lead's last open.
    const opens = await stack.request(
      'GET',
      `/api/campaigns/${seeded.campaignId}/events?type=email_opened&limit=500`,
    );
    expect(opens.status).toBe(200);
    const openers = Object.values(stack.sim.state.groundTruth(seeded.instantlyCampaignId).leads).filter(
      (t) => t.openedAt !== null,
    );
    expect(openers.length).toBeGreaterThan(0);
    expect(opens.body.items).toHaveLength(openers.length);
    for (const e of opens.body.items)
      expect(e).toMatchObject({ source: 'poll', occurredAtApproximated: true });
    const sent = await stack.request(
      'GET',
      `/api/campaigns/${seeded.campaignId}/events?type=email_sent&limit=5`,
    );
    for (const e of sent.body.items) expect(e).toMatchObject({ occurredAtApproximated: false });
  }, 240_000);
});

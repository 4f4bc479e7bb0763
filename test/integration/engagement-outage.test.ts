import { engagementWorkflowId } from '../../contracts/workflow-ids';
import { campaignEngagementWorkflow } from '../../workflows';
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
});

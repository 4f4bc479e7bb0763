import type { WorkflowHandle } from '@temporalio/client';
import { engagementStateQuery } from '../../contracts/engagement';
import { engagementWorkflowId } from '../../contracts/workflow-ids';
import { campaignEngagementWorkflow } from '../../workflows';
import { engagementSnapshot, expectedSnapshot, unappliedCount } from '../helpers/engagement-snapshot';
import { eventually, settled, startEngagementStack, type EngagementStack } from '../helpers/engagement-stack';
import { seedExport, type SeededExport } from '../helpers/seed-export';

// The simulator plays whole campaigns into the running stack over real HTTP: webhooks → intake → PostgreSQL →
// signalWithStart → campaignEngagementWorkflow → apply activities; polls every 2 s against the simulator.
describe('engagement: a whole campaign on real engines', () => {
  let stack: EngagementStack;

  beforeAll(async () => {
    stack = await startEngagementStack({ name: 'engagement-campaign' });
    const registered = await stack.request('POST', '/api/instantly/webhooks');
    expect(registered.status).toBe(201);
    expect(registered.body.test).toMatchObject({ success: true, statusCode: 200 });
  });
  afterAll(() => stack?.stop());

  /** Starts the workflow as the export's startChild would. */
  const startWorkflow = (s: SeededExport, extra: { maxEventsPerRun?: number } = {}) =>
    stack.temporal.workflow.start(campaignEngagementWorkflow, {
      taskQueue: stack.taskQueue,
      workflowId: engagementWorkflowId(s.instantlyCampaignId),
      args: [
        { instantlyCampaignId: s.instantlyCampaignId, exportId: s.exportId, pollIntervalMs: 2000, ...extra },
      ],
    });

  const expectTruth = async (s: SeededExport) => {
    const truth = stack.sim.state.groundTruth(s.instantlyCampaignId);
    const emails = s.businesses.map((b) => b.email);
    expect(await engagementSnapshot(stack.prisma, s.exportId)).toEqual(expectedSnapshot(truth, emails));
    return truth;
  };

  it('(a) ends with exactly the ground truth, per lead and in totals, and ends after campaign_completed + a final sync', async () => {
    const seeded = await seedExport(stack.prisma, stack.instantly, { leads: 300 });
    const handle: WorkflowHandle<typeof campaignEngagementWorkflow> = await startWorkflow(seeded);
    const started = Date.now();
    const truth = await stack.sim.runCampaign(seeded.instantlyCampaignId, {
      seed: 11,
      openRate: 0.6,
      clickRate: 0.3,
      replyRate: 0.2,
      bounceRate: 0.05,
      unsubscribeRate: 0.05,
      autoReplyRate: 0.1,
      concurrency: 8,
    });
    const result = await handle.result();
    expect(result.lastSyncAt).not.toBeNull();
    await settled(stack, seeded);
    console.log(`(a) ${truth.totals.eventsTotal} events played and applied in ${Date.now() - started} ms`);
    expect(truth.totals.eventsTotal).toBeGreaterThan(1500);
    for (const type of [
      'email_sent',
      'email_opened',
      'link_clicked',
      'reply_received',
      'auto_reply_received',
      'email_bounced',
      'lead_unsubscribed',
      'campaign_completed',
    ]) {
      expect(truth.totals.events[type]).toBeGreaterThan(0);
    }
    await expectTruth(seeded);
    // Every delivered event is stored once, from the webhook (no repair was needed).
    const stored = await stack.prisma.instantlyEvent.count({
      where: { exportId: seeded.exportId, source: 'webhook' },
    });
    expect(stored).toBe(truth.totals.eventsTotal);
    const exp = await stack.prisma.instantlyExport.findUniqueOrThrow({ where: { id: seeded.exportId } });
    expect(exp.lastSyncedAt).not.toBeNull();
    expect(exp.lastDrift).toMatchObject({ after: {} });
  }, 300_000); // ~2,000 events through the whole stack: 60–90 s on a quiet machine, more when it is shared

  it('(d) detects a webhook outage at the next poll and repairs it from the delivery log', async () => {
    const seeded = await seedExport(stack.prisma, stack.instantly, { leads: 120 });
    const handle = await startWorkflow(seeded);
    const { ws } = stack.sim.state.findCampaign(seeded.instantlyCampaignId)!;
    const happened = () => ws.eventsOf(seeded.instantlyCampaignId).length;
    // Delivery goes off for the rest of the campaign (campaign_completed included) once 300 events happened.
    const run = stack.sim.runCampaign(seeded.instantlyCampaignId, {
      seed: 21,
      replyRate: 0.25,
      intervalMs: 3,
      concurrency: 8,
    });
    await eventually(async () => (happened() >= 300 ? true : undefined), '300 events', 30_000);
    stack.sim.webhookFaults.set({ deliveryEnabled: false });
    const truth = await run;
    stack.sim.webhookFaults.set({ deliveryEnabled: true });
    const result = await handle.result();
    await settled(stack, seeded);
    await expectTruth(seeded);
    expect(result.runs).toBe(1);
    const repaired = await stack.prisma.instantlyEvent.count({
      where: { exportId: seeded.exportId, source: 'delivery_log' },
    });
    const notDelivered = ws.deliveries.filter(
      (d) => d.campaign_id === seeded.instantlyCampaignId && !d.success,
    ).length;
    expect(repaired).toBeGreaterThan(truth.totals.eventsTotal / 3);
    expect(repaired).toBe(notDelivered);
    // Each event stored once; a stand-in a mid-stream sync synthesized for an event still in flight is superseded.
    expect(
      await stack.prisma.instantlyEvent.count({ where: { exportId: seeded.exportId, supersededBy: null } }),
    ).toBe(truth.totals.eventsTotal);
    const exp = await stack.prisma.instantlyExport.findUniqueOrThrow({ where: { id: seeded.exportId } });
    expect(exp.lastDrift).toMatchObject({ after: {} });
    console.log(`(d) ${repaired} of ${truth.totals.eventsTotal} events repaired from the delivery log`);
  });

  it('(e) continues as new under a lowered maxEventsPerRun without losing or double-applying an event', async () => {
    const seeded = await seedExport(stack.prisma, stack.instantly, { leads: 150 });
    const handle = await startWorkflow(seeded, { maxEventsPerRun: 250 });
    const truth = await stack.sim.runCampaign(seeded.instantlyCampaignId, { seed: 31, concurrency: 8 });
    const result = await handle.result();
    await settled(stack, seeded);
    await expectTruth(seeded);
    expect(result.runs).toBeGreaterThan(1);
    const runs: string[] = [];
    for await (const w of stack.temporal.workflow.list({ query: `WorkflowId = '${handle.workflowId}'` }))
      runs.push(w.runId);
    expect(runs.length).toBeGreaterThanOrEqual(result.runs);
    // Every real event stored once and applied once (polls may add at most one synthesized row per lead and
    // kind while webhooks are still in flight; those never change the final state, as expectTruth proved).
    const stored = await stack.prisma.instantlyEvent.count({
      where: { exportId: seeded.exportId, source: { not: 'poll' } },
    });
    expect(stored).toBe(truth.totals.eventsTotal);
    expect(await unappliedCount(stack.prisma, seeded.exportId)).toBe(0);
    expect(result.applied).toBeLessThanOrEqual(
      await stack.prisma.instantlyEvent.count({ where: { exportId: seeded.exportId } }),
    );
    const state = await stack.temporal.workflow
      .getHandle(handle.workflowId)
      .query(engagementStateQuery)
      .catch(() => null);
    if (state) expect(state.pending).toBe(0);
  });
});

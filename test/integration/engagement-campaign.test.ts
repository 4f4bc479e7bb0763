import type { WorkflowHandle } from '@temporalio/client';
import { engagementStateQuery } from '../../contracts/engagement';
import { engagementWorkflowId } from '../../contracts/workflow-ids';
import { campaignEngagementWorkflow } from '../../workflows';
import { engagementSnapshot, expectedSnapshot, unappliedCount } from '../helpers/engagement-snapshot';
import { eventually, startEngagementStack, type EngagementStack } from '../helpers/engagement-stack';
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
      args: [{ instantlyCampaignId: s.instantlyCampaignId, exportId: s.exportId, pollIntervalMs: 2000, ...extra }],
    });

  /** Everything received is applied and the last run of the workflow id is closed. */
  const settled = (s: SeededExport) =>
    eventually(
      async () => {
        if ((await unappliedCount(stack.prisma, s.exportId)) > 0) return undefined;
        const d = await stack.temporal.workflow.getHandle(engagementWorkflowId(s.instantlyCampaignId)).describe();
        return d.status.name === 'RUNNING' ? undefined : d;
      },
      'the engagement workflow to settle',
      90_000,
    );

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
    await settled(seeded);
    console.log(`(a) ${truth.totals.eventsTotal} events played and applied in ${Date.now() - started} ms`);
    expect(truth.totals.eventsTotal).toBeGreaterThan(1500);
    for (const type of ['email_sent', 'email_opened', 'link_clicked', 'reply_received', 'auto_reply_received', 'email_bounced', 'lead_unsubscribed', 'campaign_completed']) {
      expect(truth.totals.events[type]).toBeGreaterThan(0);
    }
    await expectTruth(seeded);
    // Every delivered event is stored once, from the webhook (no repair was needed).
    const stored = await stack.prisma.instantlyEvent.count({ where: { exportId: seeded.exportId, source: 'webhook' } });
    expect(stored).toBe(truth.totals.eventsTotal);
    const exp = await stack.prisma.instantlyExport.findUniqueOrThrow({ where: { id: seeded.exportId } });
    expect(exp.lastSyncedAt).not.toBeNull();
    expect(exp.lastDrift).toMatchObject({ after: {} });
  });

  it('(d) detects a webhook outage at the next poll and repairs it from the delivery log', async () => {
    const seeded = await seedExport(stack.prisma, stack.instantly, { leads: 120 });
    const handle = await startWorkflow(seeded);
    const payloads = await stack.sim.generateStory(seeded.instantlyCampaignId, { seed: 21, replyRate: 0.25 });
    const half = Math.floor(payloads.length / 2);
    await stack.sim.deliver(payloads.slice(0, half));
    stack.sim.webhookFaults.set({ deliveryEnabled: false });
    const lost = await stack.sim.deliver(payloads.slice(half));
    stack.sim.webhookFaults.set({ deliveryEnabled: true });
    expect(lost.notDelivered).toBe(payloads.length - half);
    const missing = await stack.prisma.instantlyEvent.count({ where: { exportId: seeded.exportId } });
    expect(missing).toBe(half);
    // No webhook carries campaign_completed any more: the poll sees status 3, repairs, and the workflow ends.
    const result = await handle.result();
    await settled(seeded);
    await expectTruth(seeded);
    expect(result.runs).toBe(1);
    const exp = await stack.prisma.instantlyExport.findUniqueOrThrow({ where: { id: seeded.exportId } });
    const drifts = await stack.prisma.instantlyEvent.count({ where: { exportId: seeded.exportId, source: 'delivery_log' } });
    expect(drifts).toBe(payloads.length - half);
    expect(exp.lastDrift).toMatchObject({ after: {} });
  });

  it('(e) continues as new under a lowered maxEventsPerRun without losing or double-applying an event', async () => {
    const seeded = await seedExport(stack.prisma, stack.instantly, { leads: 150 });
    const handle = await startWorkflow(seeded, { maxEventsPerRun: 250 });
    const truth = await stack.sim.runCampaign(seeded.instantlyCampaignId, { seed: 31, concurrency: 8 });
    const result = await handle.result();
    await settled(seeded);
    await expectTruth(seeded);
    expect(result.runs).toBeGreaterThan(1);
    const runs: string[] = [];
    for await (const w of stack.temporal.workflow.list({ query: `WorkflowId = '${handle.workflowId}'` })) runs.push(w.runId);
    expect(runs.length).toBeGreaterThanOrEqual(result.runs);
    // Applied exactly once each: every stored event carries one applied_at, and the chain counted each once.
    const stored = await stack.prisma.instantlyEvent.count({ where: { exportId: seeded.exportId } });
    expect(stored).toBe(truth.totals.eventsTotal);
    expect(await unappliedCount(stack.prisma, seeded.exportId)).toBe(0);
    expect(result.applied).toBeLessThanOrEqual(stored);
    const state = await stack.temporal.workflow
      .getHandle(handle.workflowId)
      .query(engagementStateQuery)
      .catch(() => null);
    if (state) expect(state.pending).toBe(0);
  });
});

import { engagementWorkflowId } from '../../contracts/workflow-ids';
import type { WebhookPayload } from '../../simulator';
import { campaignEngagementWorkflow } from '../../workflows';
import { expectExactTruth, stream } from '../helpers/engagement-truth';
import { eventually, settled, startEngagementStack, type EngagementStack } from '../helpers/engagement-stack';
import { seedExport, type SeededExport } from '../helpers/seed-export';

// Issue 18: syncs that overlap a live stream (Instantly's counters already final, our events still arriving)
// must never leave data that did not happen, and a sync that is requested or due runs while the stream goes on.
// Every play here is generated first (the simulator's state and ground truth are final), then delivered as a
// stream in shuffled chunks with duplicates; Instantly's lead list answers slowly (latency fault), so each repair
// overlaps many deliveries.
describe('engagement truth: syncs during a live stream', () => {
  let stack: EngagementStack;

  beforeAll(async () => {
    stack = await startEngagementStack({
      name: 'engagement-truth',
      env: { ENGAGEMENT_POLL_INTERVAL: '3s' },
      sim: {
        webhookRetries: 8,
        webhookRetryDelayMs: 250,
        webhookTimeoutMs: 30_000,
        autoDisableAfterFailures: 10_000,
      },
    });
    expect((await stack.request('POST', '/api/instantly/webhooks')).status).toBe(201);
  });
  afterEach(() => stack.sim.faults.clear());
  afterAll(() => stack?.stop());

  const slowLeadReads = () =>
    stack.sim.faults.add({ kind: 'latency', ms: 1500, route: 'POST /api/v2/leads/list', times: 10_000 });

  const play = async (leads: number, seed: number) => {
    const seeded = await seedExport(stack.prisma, stack.instantly, { leads });
    const payloads = await stack.sim.generateStory(seeded.instantlyCampaignId, { seed, replyRate: 0.3 });
    return { seeded, payloads };
  };

  const lastSyncedAt = async (s: SeededExport): Promise<Date | null> =>
    (await stack.prisma.instantlyExport.findUniqueOrThrow({ where: { id: s.exportId } })).lastSyncedAt;

  const executions = async (s: SeededExport): Promise<number> => {
    let n = 0;
    for await (const _ of stack.temporal.workflow.list({
      query: `WorkflowId = '${engagementWorkflowId(s.instantlyCampaignId)}'`,
    }))
      n += 1;
    return n;
  };

  it('an early campaign_completed neither ends the workflow nor lets its syncs invent events', async () => {
    const { seeded, payloads } = await play(250, 41);
    const completed = payloads.filter((p) => p.event_type === 'campaign_completed');
    const rest = payloads.filter((p) => p.event_type !== 'campaign_completed');
    expect(completed).toHaveLength(1);
    slowLeadReads();
    // The webhook intake starts the workflow (poll 3 s); campaign_completed arrives first, then the stream.
    await stream(stack, completed, { chunk: 1, pauseMs: 300, seed: 1 });
    await stream(stack, rest, { chunk: 60, pauseMs: 150, seed: 2 });
    await settled(stack, seeded, 120_000);
    const { standIns } = await expectExactTruth(stack, seeded, payloads);
    // One execution: it waited for the stream to go quiet instead of ending (and re-syncing) per batch.
    expect(await executions(seeded)).toBe(1);
    const exp = await stack.prisma.instantlyExport.findUniqueOrThrow({ where: { id: seeded.exportId } });
    console.log(`completion first: ${payloads.length} events, ${standIns} stand-ins superseded`);
    expect(exp.lastDrift).toMatchObject({ after: {} });
  }, 240_000);

  /** Starts the workflow as the export would, with a poll interval and a short completion quiet period. */
  const start = (s: SeededExport, pollIntervalMs: number) =>
    stack.temporal.workflow.start(campaignEngagementWorkflow, {
      taskQueue: stack.taskQueue,
      workflowId: engagementWorkflowId(s.instantlyCampaignId),
      args: [
        {
          instantlyCampaignId: s.instantlyCampaignId,
          exportId: s.exportId,
          pollIntervalMs,
          completionQuietMs: 2000,
        },
      ],
    });

  /** Apply batches the workflow scheduled between the syncNow signal and the sync it asked for. */
  const appliesBeforeSync = async (workflowId: string): Promise<number> => {
    const history = await stack.temporal.workflow.getHandle(workflowId).fetchHistory();
    let signalled = false;
    let applies = 0;
    for (const e of history.events ?? []) {
      if (e.workflowExecutionSignaledEventAttributes?.signalName === 'syncNow') signalled = true;
      const type = e.activityTaskScheduledEventAttributes?.activityType?.name;
      if (!signalled || !type) continue;
      if (type === 'syncCampaignAnalytics') return applies;
      if (type === 'applyEngagementEvents') applies += 1;
    }
    throw new Error('no sync followed the syncNow signal');
  };

  /** Resolves once the stream is under way (300 events stored). */
  const streaming = (s: SeededExport) =>
    eventually(
      async () =>
        (await stack.prisma.instantlyEvent.count({ where: { exportId: s.exportId } })) > 300
          ? true
          : undefined,
      'the stream to start',
    );

  /** Streams the play and reports when its last chunk was delivered; `during` runs once the stream is going. */
  const streamWith = async (
    payloads: WebhookPayload[],
    during: () => Promise<void>,
    pace = { chunk: 40, pauseMs: 100 },
  ) => {
    let ended = 0;
    const playing = stream(stack, payloads, { ...pace, seed: 7 }).then(() => {
      ended = Date.now();
    });
    await during();
    await playing;
    return ended;
  };

  it('POST /sync during a continuous stream runs within one apply batch, and its repair invents nothing', async () => {
    const { seeded, payloads } = await play(300, 43);
    const handle = await start(seeded, 3_600_000);
    slowLeadReads();
    let requested = 0;
    let syncedAt: Date | null = null;
    const ended = await streamWith(
      payloads,
      async () => {
        await streaming(seeded);
        requested = Date.now();
        expect((await stack.request('POST', `/api/campaigns/${seeded.campaignId}/sync`)).status).toBe(202);
        syncedAt = await eventually(
          async () => (await lastSyncedAt(seeded)) ?? undefined,
          'the requested sync',
          60_000,
        );
      },
      { chunk: 150, pauseMs: 20 },
    );
    await handle.result();
    await settled(stack, seeded, 120_000);
    // The sync started promptly and while events were still streaming in.
    expect(syncedAt!.getTime()).toBeLessThan(ended);
    expect(syncedAt!.getTime() - requested).toBeLessThan(10_000);
    expect(await appliesBeforeSync(handle.workflowId)).toBeLessThanOrEqual(1);
    const { standIns } = await expectExactTruth(stack, seeded, payloads);
    console.log(
      `sync now: started ${syncedAt!.getTime() - requested} ms after the request, ${ended - syncedAt!.getTime()} ms before the stream ended; ${standIns} stand-ins superseded`,
    );
  }, 240_000);

  it('with a short poll interval a due sync runs during a continuous stream', async () => {
    const { seeded, payloads } = await play(300, 47);
    const handle = await start(seeded, 2000);
    let firstSync: Date | null = null;
    const ended = await streamWith(payloads, async () => {
      await streaming(seeded);
      const t0 = Date.now();
      firstSync = await eventually(
        async () => {
          const at = await lastSyncedAt(seeded);
          return at && at.getTime() > t0 ? at : undefined;
        },
        'a due sync',
        60_000,
      );
    });
    await handle.result();
    await settled(stack, seeded, 120_000);
    expect(firstSync!.getTime()).toBeLessThan(ended);
    await expectExactTruth(stack, seeded, payloads);
  }, 240_000);

  it('keeps the drift reports that repaired something, readable through the analytics route', async () => {
    // Instantly's story happened, none of its webhooks arrived: the first sync repairs from the lead counters,
    // the final sync that follows finds nothing to repair and overwrites last_drift.
    const { seeded } = await play(60, 53);
    const handle = await start(seeded, 500);
    await handle.result();
    const res = await stack.request('GET', `/api/campaigns/${seeded.campaignId}/analytics`);
    expect(res.status).toBe(200);
    const [exp] = res.body.exports;
    // The final sync still sees drift no repair can close (follow-up sends, auto-replies) but repaired nothing.
    expect(exp.lastDrift).toMatchObject({ repaired: { fromLeads: 0, fromDeliveryLog: 0 } });
    const polled = await stack.prisma.instantlyEvent.count({
      where: { exportId: seeded.exportId, source: 'poll' },
    });
    const repairs = exp.driftHistory.filter(
      (d: { repaired: { fromLeads: number } }) => d.repaired.fromLeads > 0,
    );
    expect(repairs).toHaveLength(1);
    // Stand-ins: one per missing kind from the lead counters, plus the auto-replies read from GET /emails.
    expect(repairs[0]).toMatchObject({ drifted: true });
    expect(repairs[0].repaired.fromLeads + repairs[0].repaired.fromEmails.autoReplies).toBe(polled);
    expect(polled).toBeGreaterThan(0);
    expect(Date.parse(repairs[0].at)).toBeLessThan(Date.parse(exp.lastDrift.at));
    // Only what changed is kept: the unchanged drift of the final sync is not a new entry.
    expect(exp.driftHistory).toHaveLength(1);
  }, 120_000);
});

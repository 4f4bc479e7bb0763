import {
  settled,
  startEngagementStack,
  startEngagementWorkflow,
  type EngagementStack,
} from '../helpers/engagement-stack';
import { seedExport } from '../helpers/seed-export';

// Issue 16 item 4 end to end on real engines: the simulator plays a campaign, the engagement workflow applies the
// events and labels every reply — in the apply activity itself (it labels what it applied and claims the
// write-backs), and through the classifyReplies activity after each sync or when the apply asks for it.
describe('engagement workflow labels replies (real PostgreSQL + Temporal)', () => {
  let stack: EngagementStack;
  beforeAll(async () => {
    stack = await startEngagementStack({ name: 'replies-workflow' });
    expect((await stack.request('POST', '/api/instantly/webhooks')).status).toBe(201);
  });
  afterAll(() => stack?.stop());

  /** Activities the workflow's latest run scheduled, by type. */
  async function scheduledActivities(workflowId: string): Promise<Map<string, number>> {
    const scheduled = new Map<string, number>();
    const { events } = await stack.temporal.workflow.getHandle(workflowId).fetchHistory();
    for (const e of events ?? []) {
      const name = e.activityTaskScheduledEventAttributes?.activityType?.name;
      if (name) scheduled.set(name, (scheduled.get(name) ?? 0) + 1);
    }
    return scheduled;
  }

  it('every applied reply and auto-reply with text ends labelled once, and businesses carry the latest label', async () => {
    const seeded = await seedExport(stack.prisma, stack.instantly, { leads: 60 });
    const handle = await startEngagementWorkflow(stack, seeded);
    const truth = await stack.sim.runCampaign(seeded.instantlyCampaignId, {
      seed: 16,
      replyRate: 0.5,
      autoReplyRate: 0.2,
      concurrency: 4,
    });
    await handle.result();
    await settled(stack, seeded);
    const replies =
      (truth.totals.events['reply_received'] ?? 0) + (truth.totals.events['auto_reply_received'] ?? 0);
    expect(replies).toBeGreaterThan(10);

    const [row] = await stack.prisma.$queryRawUnsafe<
      { labelled: number; unlabelled: number; history: number }[]
    >(
      `SELECT count(*) FILTER (WHERE e.reply_label IS NOT NULL)::int AS labelled,
              count(*) FILTER (WHERE e.reply_label IS NULL)::int AS unlabelled,
              (SELECT count(*)::int FROM gmaps_business_interest_history h
                 JOIN gmaps_instantly_events x ON x.id = h.event_id
                WHERE x.export_id = $1::uuid AND h.source = 'classifier') AS history
         FROM gmaps_instantly_events e
        WHERE e.export_id = $1::uuid AND e.event_type IN ('reply_received', 'auto_reply_received')
          AND e.applied_at IS NOT NULL AND e.superseded_by IS NULL`,
      seeded.exportId,
    );
    expect(row).toEqual({ labelled: replies, unlabelled: 0, history: replies });
    const withLabel = await stack.prisma.business.count({
      where: { id: { in: seeded.businesses.map((b) => b.id) }, replyLabel: { not: null } },
    });
    const [repliers] = await stack.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(DISTINCT business_id)::int AS n FROM gmaps_instantly_events
        WHERE export_id = $1::uuid AND reply_label IS NOT NULL`,
      seeded.exportId,
    );
    expect(withLabel).toBe(repliers?.n);
    // Write-back is off here: the apply activity labelled everything, so the classify / write-back activities ran
    // after syncs only, never once per apply batch.
    const scheduled = await scheduledActivities(handle.workflowId);
    expect(scheduled.get('applyEngagementEvents') ?? 0).toBeGreaterThan(0);
    expect(scheduled.get('classifyReplies') ?? 0).toBe(scheduled.get('syncCampaignAnalytics') ?? 0);
    expect(scheduled.get('writeBackReplyInterest') ?? 0).toBe(scheduled.get('syncCampaignAnalytics') ?? 0);
  });

  it('a stream without replies or interest events schedules no reply labelling after its apply batches', async () => {
    const seeded = await seedExport(stack.prisma, stack.instantly, { leads: 60 });
    // No poll falls due during the run (a sync may still run at the start or end).
    const handle = await startEngagementWorkflow(stack, seeded, 600_000, 2000);
    const truth = await stack.sim.runCampaign(seeded.instantlyCampaignId, {
      seed: 17,
      replyRate: 0,
      autoReplyRate: 0,
      unsubscribeRate: 0,
      concurrency: 4,
    });
    const types = [...Object.keys(truth.totals.events)];
    expect(types.filter((t) => t.includes('repl') || t.startsWith('lead_'))).toEqual([]);
    await handle.result();
    await settled(stack, seeded);
    const scheduled = await scheduledActivities(handle.workflowId);
    expect(scheduled.get('applyEngagementEvents') ?? 0).toBeGreaterThan(0);
    // Labelling runs only after syncs here (each sync may restore replies); never after an apply batch.
    expect(scheduled.get('classifyReplies') ?? 0).toBe(scheduled.get('syncCampaignAnalytics') ?? 0);
  });
});

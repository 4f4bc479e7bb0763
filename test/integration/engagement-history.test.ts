import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { campaignEngagementWorkflow } from '../../workflows/engagement';
import { engagementInput, engagementStartOptions } from '../../workflows/starts';
import { settled, startEngagementStack, type EngagementStack } from '../helpers/engagement-stack';
import { seedExport } from '../helpers/seed-export';

// Determinism guard for the engagement workflow, as test/integration/replay.test.ts is for the export: a whole
// small campaign (events by webhook, polls, completion) is played on real engines, its history replays against
// the current bundle, and RECORD_HISTORY=1 refreshes test/fixtures/histories/engagement-completed.history.pb,
// which replay.test.ts replays on every run.
describe('engagement workflow history (real engines)', () => {
  let stack: EngagementStack;
  beforeAll(async () => {
    stack = await startEngagementStack({ name: 'engagement-history' });
    expect((await stack.request('POST', '/api/instantly/webhooks')).status).toBe(201);
  });
  afterAll(() => stack?.stop());

  it('records a completed campaign whose history holds no lead data and replays deterministically', async () => {
    const seeded = await seedExport(stack.prisma, stack.instantly, { leads: 12 });
    // Started exactly as the export workflow's child start and the webhook intake start it.
    const input = engagementInput(seeded, 1000);
    const handle = await stack.temporal.workflow.start(
      campaignEngagementWorkflow,
      engagementStartOptions(input, stack.taskQueue),
    );
    await stack.sim.runCampaign(seeded.instantlyCampaignId, {
      seed: 5,
      openRate: 0.5,
      replyRate: 0.3,
      bounceRate: 0.1,
      concurrency: 4,
    });
    const result = await handle.result();
    expect(result).toMatchObject({
      instantlyCampaignId: seeded.instantlyCampaignId,
      exportId: seeded.exportId,
    });
    expect(result.applied).toBeGreaterThan(0);
    await settled(stack, seeded);

    const history = await handle.fetchHistory();
    const text = JSON.stringify(history);
    for (const b of seeded.businesses) expect(text).not.toContain(b.email);
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! } },
      history,
      handle.workflowId,
    );
    if (process.env.RECORD_HISTORY) {
      writeFileSync(
        path.join(__dirname, '..', 'fixtures', 'histories', 'engagement-completed.history.pb'),
        temporal.api.history.v1.History.encode(history).finish(),
      );
    }
  });
});

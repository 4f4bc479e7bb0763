import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { ERROR_TYPES } from '../../contracts/errors';
import { exportBody, makeBusinesses } from '../fixtures/businesses';
import { seedCampaign } from '../helpers/seed';
import { startTestStack, waitForExport, type TestStack } from '../helpers/stack';
import { temporalAddress, testDeps } from '../helpers/temporal';

// Issue 13: a failure that is not an ApplicationFailure is reported as what it is (not InstantlyUnavailable),
// and a failed engagement start after the result is recorded leaves the export completed. The real workflows
// run on the real Temporal server, with test/fixtures/interceptors/export-faults.ts injecting the two failures.
describe('export failures that are not Instantly’s (real engines)', () => {
  let stack: TestStack;
  let stopWorker: () => Promise<void>;
  beforeAll(async () => {
    stack = await startTestStack({ name: 'export-failures', worker: false });
    const connection = await NativeConnection.connect({ address: temporalAddress() });
    const worker = await Worker.create({
      connection,
      namespace: 'default',
      taskQueue: stack.taskQueue,
      activities: createActivities(testDeps(stack.db.prisma, stack.env)),
      workflowsPath: require.resolve('../../workflows'),
      interceptors: { workflowModules: [require.resolve('../fixtures/interceptors/export-faults')] },
    });
    const running = worker.run();
    stopWorker = async () => {
      worker.shutdown();
      await running;
      await connection.close();
    };
  });
  afterAll(async () => {
    await stopWorker?.();
    await stack?.stop();
  });

  const exportOf = async (prefix: string, body: Record<string, unknown>) => {
    const { campaignId } = await seedCampaign(stack.db.prisma, { businesses: makeBusinesses(3, prefix) });
    const started = await stack.request(
      'POST',
      `/api/campaigns/${campaignId}/export-to-instantly`,
      exportBody(body),
    );
    expect(started.status).toBe(202);
    return { campaignId, done: await waitForExport(stack, started.body.exportId, 240_000), started };
  };

  it('a refused engagement start does not flip the completed export', async () => {
    const { campaignId, done, started } = await exportOf('child', {});
    expect(done.status).toBe('completed');
    expect(done.result.counters).toMatchObject({ sent: 3, uploaded: 3 });
    const row = await stack.db.prisma.instantlyExport.findUniqueOrThrow({
      where: { id: started.body.exportId },
    });
    expect(row).toMatchObject({ status: 'completed', errorType: null });
    expect(await stack.db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).toMatchObject({
      exportedToInstantly: true,
    });
    const result = await stack.temporal.workflow.getHandle(started.body.workflowId).result();
    expect(result).toMatchObject({ status: 'completed' });
  });

  it('an activity that timed out is reported as TimedOut, not InstantlyUnavailable', async () => {
    const { done } = await exportOf('timeout', { activate: true });
    expect(done.status).toBe('failed');
    expect(done.result.error).toEqual({
      type: ERROR_TYPES.timedOut,
      message: 'activity activateInstantlyCampaign timed out (START_TO_CLOSE)',
    });
  });
});

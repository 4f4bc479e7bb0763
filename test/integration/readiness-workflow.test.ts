import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { WorkflowFailedError } from '@temporalio/client';
import { readinessWorkflowId } from '../../contracts/workflow-ids';
import { campaignReadinessWorkflow } from '../../workflows';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { seedCampaign } from '../helpers/seed';
import { startTestWorker, testClient, testDeps, uniqueQueue, type RunningWorker } from '../helpers/temporal';

describe('a workflow on the real Temporal dev server reads PostgreSQL through Prisma', () => {
  let db: TestDatabase;
  let client: Client;
  let worker: RunningWorker;
  const taskQueue = uniqueQueue('readiness');

  beforeAll(async () => {
    db = await createTestDatabase();
    client = await testClient();
    worker = await startTestWorker({ taskQueue, deps: testDeps(db.prisma) });
  });
  afterAll(async () => {
    await worker?.stop();
    await client?.connection.close();
    await db?.drop();
  });

  it('counts a campaign’s exportable leads: email present, de-duplicated, never bounced or unsubscribed', async () => {
    const { campaignId } = await seedCampaign(db.prisma, {
      businesses: [
        { name: 'A', email: 'a@example.com' },
        { name: 'A again', email: ' A@Example.com ' },
        { name: 'B', email: 'b@example.com' },
        { name: 'No email', email: null },
        { name: 'Empty', email: '' },
        { name: 'C', email: 'c@example.com' },
      ],
    });
    // c@example.com bounced in an earlier campaign: never exported again.
    await seedCampaign(db.prisma, { businesses: [{ name: 'C old', email: 'C@example.com', bounced: true }] });
    const counts = await client.workflow.execute(campaignReadinessWorkflow, {
      taskQueue,
      workflowId: readinessWorkflowId(campaignId, randomUUID()),
      args: [{ campaignId }],
    });
    expect(counts).toEqual({ businesses: 6, withEmail: 4, duplicates: 1, suppressed: 1, eligible: 2 });
  });

  it('fails with the typed, non-retryable CampaignNotFound for an unknown campaign', async () => {
    const campaignId = randomUUID();
    const run = client.workflow.execute(campaignReadinessWorkflow, {
      taskQueue,
      workflowId: readinessWorkflowId(campaignId, randomUUID()),
      args: [{ campaignId }],
    });
    await expect(run).rejects.toBeInstanceOf(WorkflowFailedError);
    const err = (await run.catch((e: unknown) => e)) as WorkflowFailedError;
    expect((err.cause?.cause as { type?: string } | undefined)?.type).toBe('CampaignNotFound');
  });
});

// Cancelling an export mid-upload: the result and the ledger must say what is in Instantly. Before the fix a
// cancel answered "uploaded 0, rejected 1,200" while all 1,200 leads had been created.
import { makeBusinesses, exportBody } from '../fixtures/businesses';
import { seedCampaign } from '../helpers/seed';
import { startTestStack, waitForExport, type TestStack } from '../helpers/stack';

function leadsInCampaign(stack: TestStack, instantlyCampaignId: string): number {
  let n = 0;
  for (const l of stack.sim.state.workspace(stack.apiKey).leads.values())
    if (l.campaign === instantlyCampaignId) n++;
  return n;
}

async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function expectResultMatchesInstantly(stack: TestStack, exportId: string, done: any, eligible: number) {
  expect(done.status).toBe('cancelled');
  const inInstantly = leadsInCampaign(stack, done.result.instantlyCampaignId);
  expect(done.result.counters).toMatchObject({
    eligible,
    sent: inInstantly,
    uploaded: inInstantly,
    rejected: eligible - inInstantly,
  });
  const ledger = await stack.db.prisma.instantlyExportLead.count({
    where: { exportId, outcome: 'uploaded', instantlyLeadId: { not: null } },
  });
  expect(ledger).toBe(inInstantly);
  const row = await stack.db.prisma.instantlyExport.findUniqueOrThrow({ where: { id: exportId } });
  expect(row).toMatchObject({ status: 'cancelled', leadsUploaded: inInstantly, leadsSent: inInstantly });
  return inInstantly;
}

describe('cancelling an export mid-upload accounts for what Instantly holds', () => {
  let stack: TestStack;
  beforeEach(async () => {
    stack = await startTestStack({ name: 'cancel-accounting' });
  });
  afterEach(async () => stack?.stop());

  it('batches in flight when the cancel arrives are counted: 1,200 created → uploaded 1,200, rejected 0', async () => {
    const { campaignId } = await seedCampaign(stack.db.prisma, { businesses: makeBusinesses(1200, 'ca') });
    stack.sim.faults.add({ route: 'POST /api/v2/leads/add', kind: 'latency', ms: 3000, times: 10 });
    const started = await stack.request(
      'POST',
      `/api/campaigns/${campaignId}/export-to-instantly`,
      exportBody(),
    );
    await waitFor(
      'both bulk adds to reach Instantly',
      () => stack.sim.countRequests('POST /api/v2/leads/add') >= 2,
    );
    expect((await stack.request('POST', `/api/exports/${started.body.exportId}/cancel`)).status).toBe(202);
    const done = await waitForExport(stack, started.body.exportId);
    expect(await expectResultMatchesInstantly(stack, started.body.exportId, done, 1200)).toBe(1200);
  });

  it('leads created by a batch stuck in retries (lost responses) are found in Instantly and recorded', async () => {
    const { campaignId } = await seedCampaign(stack.db.prisma, { businesses: makeBusinesses(1200, 'cb') });
    // Every bulk add commits but its response is lost, and the retry's reconciliation cannot list leads: no
    // batch can be recorded while the faults last, yet Instantly holds every lead.
    stack.sim.faults.add({ route: 'POST /api/v2/leads/add', kind: 'drop-after-commit', times: 1000 });
    stack.sim.faults.add({ route: 'POST /api/v2/leads/list', kind: 'status', status: 503, times: 100_000 });
    const started = await stack.request(
      'POST',
      `/api/campaigns/${campaignId}/export-to-instantly`,
      exportBody(),
    );
    const exportId = started.body.exportId as string;
    await waitFor('1,200 leads in Instantly', async () => {
      const row = await stack.db.prisma.instantlyExport.findUnique({ where: { id: exportId } });
      return !!row?.instantlyCampaignId && leadsInCampaign(stack, row.instantlyCampaignId) === 1200;
    });
    expect(await stack.db.prisma.instantlyExportBatch.count({ where: { exportId } })).toBe(0);
    expect((await stack.request('POST', `/api/exports/${exportId}/cancel`)).status).toBe(202);
    stack.sim.faults.clear();
    const done = await waitForExport(stack, exportId, 180_000);
    expect(await expectResultMatchesInstantly(stack, exportId, done, 1200)).toBe(1200);
    expect(stack.sim.countRequests('POST /api/v2/leads/list')).toBeGreaterThan(0);
  });
});

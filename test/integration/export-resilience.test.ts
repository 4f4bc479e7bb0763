import { makeBusinesses, exportBody } from '../fixtures/businesses';
import { seedCampaign } from '../helpers/seed';
import { startTestStack, waitForExport, type TestStack } from '../helpers/stack';
import { startWorkerProcess } from '../helpers/worker-process';

/** Every lead email in the simulator's campaign, and how many times each appears. */
function simLeadCounts(stack: TestStack, instantlyCampaignId: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of stack.sim.state.workspace(stack.apiKey).leads.values()) {
    if (l.campaign === instantlyCampaignId) counts.set(l.email!, (counts.get(l.email!) ?? 0) + 1);
  }
  return counts;
}

function expectExactlyOnce(stack: TestStack, done: any, emails: string[]): void {
  expect(done.status).toBe('completed');
  expect(
    [...stack.sim.state.workspace(stack.apiKey).campaigns.values()].filter((c) =>
      c.name.includes('Local outreach'),
    ),
  ).toHaveLength(1);
  const counts = simLeadCounts(stack, done.result.instantlyCampaignId);
  expect([...counts.keys()].sort()).toEqual([...emails].sort());
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  expect(done.result.counters).toMatchObject({
    sent: emails.length,
    uploaded: emails.length,
    duplicate: 0,
    skipped: 0,
  });
}

describe('export survives a killed worker and lost responses without duplicates', () => {
  let stack: TestStack;
  beforeEach(async () => {
    stack = await startTestStack({ name: 'resilience', worker: false });
  });
  afterEach(async () => stack?.stop());

  it('a worker killed (SIGKILL) in the middle of the upload: a new worker finishes with 0 duplicate campaigns and leads', async () => {
    const leads = makeBusinesses(6000, 'k');
    const { campaignId } = await seedCampaign(stack.db.prisma, { businesses: leads });
    stack.sim.faults.add({ route: 'POST /api/v2/leads/add', kind: 'latency', ms: 1500, times: 1000 });
    const first = await startWorkerProcess({ ...stack.env, EXPORT_UPLOAD_CONCURRENCY: '2' }, stack.db.url);
    const started = await stack.request(
      'POST',
      `/api/campaigns/${campaignId}/export-to-instantly`,
      exportBody(),
    );
    // wait until the upload is really under way: at least one batch recorded and another one in flight
    const deadline = Date.now() + 60_000;
    while (
      (await stack.db.prisma.instantlyExportBatch.count({ where: { exportId: started.body.exportId } })) < 1
    ) {
      if (Date.now() > deadline) throw new Error('upload never started');
      await new Promise((r) => setTimeout(r, 100));
    }
    await first.kill();
    const recordedAtKill = await stack.db.prisma.instantlyExportBatch.count({
      where: { exportId: started.body.exportId },
    });
    expect(recordedAtKill).toBeLessThan(6);
    const second = await startWorkerProcess(stack.env, stack.db.url);
    try {
      const done = await waitForExport(stack, started.body.exportId, 180_000);
      expectExactlyOnce(
        stack,
        done,
        leads.map((b) => b.email!),
      );
    } finally {
      await second.stop();
    }
  });

  it('the create-campaign response is lost after Instantly committed it: the campaign is adopted, not created twice', async () => {
    await stack.startWorker();
    const leads = makeBusinesses(1200, 'd');
    const { campaignId } = await seedCampaign(stack.db.prisma, { businesses: leads });
    stack.sim.faults.add({ route: 'POST /api/v2/campaigns', kind: 'drop-after-commit', times: 1 });
    stack.sim.faults.add({ route: 'POST /api/v2/leads/add', kind: 'drop-after-commit', times: 1 });
    const started = await stack.request(
      'POST',
      `/api/campaigns/${campaignId}/export-to-instantly`,
      exportBody(),
    );
    const done = await waitForExport(stack, started.body.exportId);
    expect(stack.sim.countRequests('POST /api/v2/campaigns')).toBe(1);
    expect(stack.sim.countRequests('POST /api/v2/leads/add')).toBe(2);
    expectExactlyOnce(
      stack,
      done,
      leads.map((b) => b.email!),
    );
    const ledger = await stack.db.prisma.instantlyExportLead.count({
      where: { exportId: started.body.exportId, outcome: 'uploaded', instantlyLeadId: { not: null } },
    });
    expect(ledger).toBe(1200);
  });

  it('429 storms with and without Retry-After and 503s: completes without ever exceeding the rate limits', async () => {
    await stack.startWorker();
    const leads = makeBusinesses(3000, 'r');
    const { campaignId } = await seedCampaign(stack.db.prisma, { businesses: leads });
    stack.sim.rateLimitStorm({ route: 'POST /api/v2/leads/add', count: 4, retryAfterSeconds: 1 });
    stack.sim.rateLimitStorm({ route: 'GET /api/v2/campaigns', count: 3 });
    stack.sim.faults.add({ route: 'POST /api/v2/leads/add', kind: 'status', status: 503, times: 2 });
    const started = await stack.request(
      'POST',
      `/api/campaigns/${campaignId}/export-to-instantly`,
      exportBody(),
    );
    const done = await waitForExport(stack, started.body.exportId, 180_000);
    expectExactlyOnce(
      stack,
      done,
      leads.map((b) => b.email!),
    );
    expect(stack.sim.maxObservedPerSecond(stack.apiKey)).toBeLessThanOrEqual(100);
    expect(stack.sim.requests.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(7);
  });
});

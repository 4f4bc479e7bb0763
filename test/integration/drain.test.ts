import { randomUUID } from 'node:crypto';
import { exportBody, makeBusinesses } from '../fixtures/businesses';
import { startApiProcess } from '../helpers/api-process';
import { seedCampaign } from '../helpers/seed';
import { seedExport } from '../helpers/seed-export';
import { startTestStack, waitForExport, type TestStack } from '../helpers/stack';
import { testDeps } from '../helpers/temporal';
import { startWorkerProcess } from '../helpers/worker-process';

const SECRET = 'drain-webhook-secret-0123456789';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('drain without loss (real processes)', () => {
  let stack: TestStack;
  beforeEach(async () => {
    stack = await startTestStack({ name: 'drain', worker: false, env: { WEBHOOK_SECRET: SECRET } });
  });
  afterEach(async () => stack?.stop());

  it('SIGTERM to the API during webhook intake: every 2xx delivery is stored and applied, the rest were refused or cut', async () => {
    await stack.startWorker();
    const client = await testDeps(stack.db.prisma, stack.env).instantly.forOrganization();
    const seeded = await seedExport(stack.db.prisma, client, { leads: 200, prefix: 'dr' });
    const api = await startApiProcess(stack.env, stack.db.url);
    const accepted: string[] = [];
    let refused = 0;
    const statuses = new Map<number, number>();
    let sent = 0;
    let stopAt = Infinity;
    const deliver = async (lane: number) => {
      for (let i = 0; Date.now() < stopAt; i += 1) {
        const b = seeded.businesses[(lane * 7 + i) % seeded.businesses.length]!;
        const body = {
          timestamp: new Date().toISOString(),
          event_type: 'email_opened',
          workspace: 'ws',
          campaign_id: seeded.instantlyCampaignId,
          lead_email: b.email,
          step: 1,
          variant: 1,
          email_id: randomUUID(),
        };
        sent += 1;
        try {
          const res = await fetch(`${api.url}/api/webhooks/instantly`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-webhook-secret': SECRET },
            body: JSON.stringify(body),
          });
          const json = (await res.json().catch(() => null)) as { id?: string } | null;
          if (res.status >= 200 && res.status < 300 && json?.id) accepted.push(json.id);
          else {
            refused += 1;
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          }
        } catch {
          refused += 1; // connection refused or closed: Instantly retries these
          await sleep(20);
        }
      }
    };
    const lanes = Array.from({ length: 48 }, (_, i) => deliver(i));
    // Warm up (the first deliveries start the engagement workflow), then measure 2 s of intake and SIGTERM.
    for (let i = 0; i < 600 && accepted.length < 50; i += 1) await sleep(100);
    const [n0, t0] = [accepted.length, Date.now()];
    await sleep(2_000);
    const rate = Math.round(((accepted.length - n0) / (Date.now() - t0)) * 1000);
    const beforeTerm = accepted.length;
    const exited = api.stop(); // SIGTERM while 48 deliveries are in flight
    const code = await exited;
    stopAt = Date.now() + 500;
    await Promise.all(lanes);
    console.log(
      `[drain] intake ${rate}/s before SIGTERM; ${sent} sent, ${accepted.length} 2xx (${beforeTerm} before), ` +
        `${refused} refused or cut (${JSON.stringify([...statuses])} answered)`,
    );
    expect(code).toBe(0);
    expect(beforeTerm).toBeGreaterThanOrEqual(50);
    expect([...statuses.keys()].every((s) => s >= 500)).toBe(true); // refusals are retryable, never 4xx
    const ids = accepted.map((id) => BigInt(id));
    expect(await stack.db.prisma.instantlyEvent.count({ where: { id: { in: ids } } })).toBe(ids.length);
    // Applied without waiting for the next poll (1 h by default): hand-offs are flushed before exit.
    const deadline = Date.now() + 90_000;
    let unapplied = ids.length;
    while (unapplied > 0 && Date.now() < deadline) {
      unapplied = await stack.db.prisma.instantlyEvent.count({ where: { id: { in: ids }, appliedAt: null } });
      if (unapplied > 0) await sleep(1_000);
    }
    expect(unapplied).toBe(0);
  }, 240_000);

  it('SIGTERM to a worker mid-export: a second worker finishes it, every lead uploaded exactly once', async () => {
    const leads = makeBusinesses(4000, 't');
    const { campaignId } = await seedCampaign(stack.db.prisma, { businesses: leads });
    stack.sim.faults.add({ route: 'POST /api/v2/leads/add', kind: 'latency', ms: 1500, times: 1000 });
    const first = await startWorkerProcess({ ...stack.env, EXPORT_UPLOAD_CONCURRENCY: '2' }, stack.db.url);
    const started = await stack.request(
      'POST',
      `/api/campaigns/${campaignId}/export-to-instantly`,
      exportBody(),
    );
    const exportId = started.body.exportId as string;
    const deadline = Date.now() + 120_000;
    while ((await stack.db.prisma.instantlyExportBatch.count({ where: { exportId } })) < 1) {
      if (Date.now() > deadline) throw new Error('upload never started');
      await sleep(100);
    }
    const second = await startWorkerProcess(stack.env, stack.db.url);
    try {
      await first.stop(); // SIGTERM: in-flight uploads finish or are retried by the second worker
      expect(first.output()).toContain('worker stopped'); // a drain, not a crash
      const done = await waitForExport(stack, exportId, 240_000);
      expect(done.status).toBe('completed');
      const counts = new Map<string, number>();
      for (const l of stack.sim.state.workspace(stack.apiKey).leads.values())
        if (l.campaign === done.result.instantlyCampaignId)
          counts.set(l.email!, (counts.get(l.email!) ?? 0) + 1);
      expect(counts.size).toBe(leads.length);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      expect(done.result.counters).toMatchObject({ uploaded: leads.length, duplicate: 0, skipped: 0 });
    } finally {
      await second.stop();
    }
  }, 420_000);
});

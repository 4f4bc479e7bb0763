import { randomUUID } from 'node:crypto';
import { exportBody, makeBusinesses } from '../fixtures/businesses';
import { startMetricsServer, type MetricsServer } from '../../lib/metrics';
import { seedCampaign } from '../helpers/seed';
import { startTestStack, waitForExport, type TestStack } from '../helpers/stack';

const SECRET = 'metrics-webhook-secret-0123456789';

/** The value of one sample of the exposition text whose labels include every pair of `labels` (0 if none). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const ok = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (ok) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

describe('metrics move when their things happen (real PostgreSQL, Temporal, simulator)', () => {
  let stack: TestStack;
  let server: MetricsServer;
  const scrape = async () => (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
  beforeAll(async () => {
    stack = await startTestStack({ name: 'metrics', env: { WEBHOOK_SECRET: SECRET } });
    server = await startMetricsServer({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await stack?.stop();
  });

  it('serves Prometheus text on its own port only at GET /metrics, and not under the API', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toContain('# TYPE instantly_bridge_exports_total counter');
    expect((await fetch(`http://127.0.0.1:${server.port}/api/metrics`)).status).toBe(404);
    expect((await stack.request('GET', '/metrics')).status).toBe(404);
  });

  it('exports: outcome counters, duration, Instantly calls by endpoint and status, governor wait and budget use', async () => {
    const before = await scrape();
    const { campaignId } = await seedCampaign(stack.db.prisma, { businesses: makeBusinesses(30, 'm') });
    const started = await stack.request(
      'POST',
      `/api/campaigns/${campaignId}/export-to-instantly`,
      exportBody(),
    );
    const done = await waitForExport(stack, started.body.exportId);
    expect(done.status).toBe('completed');
    const noEmail = await seedCampaign(stack.db.prisma, { businesses: [{ name: 'No mail' }] });
    const failedStart = await stack.request(
      'POST',
      `/api/campaigns/${noEmail.campaignId}/export-to-instantly`,
      exportBody(),
    );
    const failed = await waitForExport(stack, failedStart.body.exportId);
    expect(failed.status).toBe('failed');
    const after = await scrape();
    const delta = (name: string, labels?: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(delta('instantly_bridge_exports_total', { outcome: 'completed' })).toBe(1);
    expect(
      delta('instantly_bridge_exports_total', { outcome: 'failed', error_type: failed.result.error.type }),
    ).toBe(1);
    expect(delta('instantly_bridge_export_duration_seconds_count', { outcome: 'completed' })).toBe(1);
    expect(
      delta('instantly_bridge_instantly_requests_total', {
        method: 'POST',
        endpoint: '/leads/add',
        status: '200',
      }),
    ).toBe(1);
    expect(
      delta('instantly_bridge_instantly_requests_total', { endpoint: '/campaigns/:id/activate' }),
    ).toBeGreaterThanOrEqual(0);
    expect(delta('instantly_bridge_instantly_governor_wait_seconds_count')).toBeGreaterThanOrEqual(3);
    expect(delta('instantly_bridge_rate_budget_granted_total')).toBeGreaterThanOrEqual(3);
    expect(sample(after, 'instantly_bridge_instantly_rate_limit', { window: '1s' })).toBe(100);
    expect(
      delta('instantly_bridge_http_requests_total', {
        method: 'GET',
        route: '/api/exports/:exportId',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      delta('instantly_bridge_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/campaigns/:campaignId/export-to-instantly',
      }),
    ).toBe(2);
  }, 180_000);

  it('webhooks: accepted, duplicate, rejected by reason, and the apply lag of applied events', async () => {
    const exp = await stack.db.prisma.instantlyExport.findFirstOrThrow({
      where: { status: 'completed' },
      include: { campaign: { include: { businesses: { take: 1 } } } },
    });
    const before = await scrape();
    const body = JSON.stringify({
      timestamp: new Date().toISOString(),
      event_type: 'email_opened',
      workspace: 'ws',
      campaign_id: exp.instantlyCampaignId,
      lead_email: exp.campaign.businesses[0]!.email,
      step: 1,
      variant: 1,
      email_id: randomUUID(),
    });
    const post = (secret: string, payload = body) =>
      fetch(`${stack.apiUrl}/api/webhooks/instantly`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-webhook-secret': secret },
        body: payload,
      });
    expect((await post(SECRET)).status).toBe(200);
    expect((await post(SECRET)).status).toBe(200);
    expect((await post('wrong-secret-0123456789')).status).toBe(401);
    expect((await post(SECRET, '{"event_type": 5}')).status).toBe(400);
    await fetch(`${stack.apiUrl}/no/such/route`);
    let after = await scrape();
    const delta = (name: string, labels?: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);
    for (let i = 0; i < 100 && delta('instantly_bridge_event_apply_lag_seconds_count') < 1; i += 1) {
      await new Promise((r) => setTimeout(r, 300));
      after = await scrape();
    }
    expect(delta('instantly_bridge_webhook_deliveries_total', { result: 'accepted' })).toBe(1);
    expect(delta('instantly_bridge_webhook_deliveries_total', { result: 'duplicate' })).toBe(1);
    expect(
      delta('instantly_bridge_webhook_deliveries_total', { result: 'rejected', reason: 'unauthorized' }),
    ).toBe(1);
    expect(
      delta('instantly_bridge_webhook_deliveries_total', { result: 'rejected', reason: 'invalid' }),
    ).toBe(1);
    expect(delta('instantly_bridge_event_apply_lag_seconds_count')).toBe(1);
    expect(delta('instantly_bridge_http_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
  }, 120_000);
});

import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import { exportBody } from '../fixtures/businesses';
import { startTestStack, TEST_API_TOKEN, type TestStack } from '../helpers/stack';
import { snapshotOrganization } from '../helpers/tenant-snapshot';

// Issue 13: every tenant sees only its own data. Two organizations made through the admin API, each with its
// own Instantly key, campaign, export, events and subscription; organization A's token against B's ids must
// answer exactly what an unknown id answers, and change nothing of B.
const ADMIN_TOKEN = `admin-${randomBytes(16).toString('hex')}`;

interface Org {
  id: string;
  token: string;
  apiKey: string;
  campaignId: string;
  businessIds: string[];
  exportId: string;
  subscriptionId: string;
}

describe('tenant isolation (real PostgreSQL, Temporal, simulator)', () => {
  let stack: TestStack;
  const orgs = new Map<'A' | 'B', Org>();
  const org = (k: 'A' | 'B') => orgs.get(k)!;
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const admin = (method: string, path: string, body?: unknown) => call(ADMIN_TOKEN, method, path, body);

  async function waitFinished(token: string, exportId: string): Promise<any> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { body } = await call(token, 'GET', `/api/exports/${exportId}`);
      if (body.status !== 'running') return body;
      if (Date.now() > deadline) throw new Error(`export ${exportId} still running`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** An organization with its own key, campaign (3 leads, one address shared with the other one), export. */
  async function makeOrganization(name: string, prefix: string): Promise<Org> {
    const created = await admin('POST', '/api/admin/organizations', { name });
    expect(created.status).toBe(201);
    const { id, apiToken: token } = created.body;
    const apiKey = `sim-${prefix}-${randomBytes(6).toString('hex')}`;
    expect((await call(token, 'PUT', '/api/settings/instantly', { apiKey })).status).toBe(200);
    const businesses = [
      'shared@both.example.com',
      `${prefix}1@${prefix}.example.com`,
      `${prefix}2@x.example.com`,
    ];
    const campaign = await call(token, 'POST', '/api/campaigns', {
      name: `${name} campaign`,
      businesses: businesses.map((email, i) => ({
        name: `${name} business ${i}`,
        email,
        category: 'Bakery',
        city: 'Austin',
        state: 'TX',
        icebreaker: 'Hello',
        subject_line: 'Hi',
      })),
    });
    expect(campaign.status).toBe(201);
    const campaignId: string = campaign.body.id;
    const started = await call(
      token,
      'POST',
      `/api/campaigns/${campaignId}/export-to-instantly`,
      exportBody(),
    );
    expect(started.status).toBe(202);
    const sub = await call(token, 'POST', '/api/subscriptions', {
      targetUrl: `http://127.0.0.1:9/${prefix}`,
    });
    expect(sub.status).toBe(201);
    const rows = await stack.db.prisma.business.findMany({ where: { campaignId }, orderBy: { name: 'asc' } });
    return {
      id,
      token,
      apiKey,
      campaignId,
      businessIds: rows.map((r) => r.id),
      exportId: started.body.exportId,
      subscriptionId: sub.body.id,
    };
  }

  beforeAll(async () => {
    stack = await startTestStack({ name: 'tenants', env: { ADMIN_TOKEN } });
    orgs.set('A', await makeOrganization('Agency A', 'a'));
    orgs.set('B', await makeOrganization('Agency B', 'b'));
    for (const k of ['A', 'B'] as const) {
      const done = await waitFinished(org(k).token, org(k).exportId);
      expect([done.status, done.result.error]).toEqual(['completed', null]);
    }
    // B's engagement data: a reply on its export, so analytics/events/replies have something to leak.
    await stack.db.prisma.instantlyEvent.create({
      data: {
        dedupeKey: `tenant-${randomUUID()}`,
        organizationId: org('B').id,
        exportId: org('B').exportId,
        businessId: org('B').businessIds[0]!,
        eventType: 'reply_received',
        leadEmail: 'shared@both.example.com',
        step: 1,
        variant: 0,
        occurredAt: new Date(),
        payload: { reply_text: 'B only' },
      },
    });
    // Nothing may change B's rows in the background while the snapshots are compared.
    await stack.worker?.stop();
    stack.worker = null;
  }, 240_000);
  afterAll(async () => stack?.stop());

  it('whoami names the token’s organization; API_TOKEN is still the default organization', async () => {
    const a = await call(org('A').token, 'GET', '/api/whoami');
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({
      organizationId: org('A').id,
      organization: { id: org('A').id, name: 'Agency A' },
    });
    const d = await call(TEST_API_TOKEN, 'GET', '/api/whoami');
    expect(d.body).toMatchObject({
      organizationId: DEFAULT_ORGANIZATION_ID,
      organization: { id: DEFAULT_ORGANIZATION_ID },
    });
    expect((await call('ibk_not-a-real-token', 'GET', '/api/whoami')).status).toBe(401);
    expect((await call(ADMIN_TOKEN, 'GET', '/api/whoami')).status).toBe(401);
  });

  it('each export ran with its own organization’s Instantly key (its own workspace)', async () => {
    for (const [mine, other] of [
      ['A', 'B'],
      ['B', 'A'],
    ] as const) {
      const done = await waitFinished(org(mine).token, org(mine).exportId);
      const instantlyCampaignId: string = done.result.instantlyCampaignId;
      expect(stack.sim.state.workspace(org(mine).apiKey).campaigns.has(instantlyCampaignId)).toBe(true);
      expect(stack.sim.state.workspace(org(other).apiKey).campaigns.has(instantlyCampaignId)).toBe(false);
      expect(stack.sim.state.workspace(stack.apiKey).campaigns.has(instantlyCampaignId)).toBe(false);
      const byKey = stack.sim.requests.filter(
        (r) =>
          r.method === 'POST' &&
          r.path === '/api/v2/campaigns' &&
          r.headers['authorization'] === `Bearer ${org(mine).apiKey}`,
      );
      expect(byKey).toHaveLength(1);
    }
  });

  it('every route with A’s token and B’s ids answers 404 exactly as an unknown id, and changes nothing of B', async () => {
    const b = org('B');
    const a = org('A');
    const pg = new Client({ connectionString: stack.db.url });
    await pg.connect();
    try {
      const before = await snapshotOrganization(pg, b.id);
      expect(before.exports).toHaveLength(1);
      expect(before.events).toHaveLength(1);
      const routes: Array<[string, (id: string) => string, string, unknown?]> = [
        ['GET', (id) => `/api/campaigns/${id}`, b.campaignId],
        [
          'POST',
          (id) => `/api/campaigns/${id}/businesses`,
          b.campaignId,
          { businesses: [{ name: 'Intruder' }] },
        ],
        [
          'POST',
          (id) => `/api/campaigns/${id}/export-to-instantly`,
          b.campaignId,
          exportBody({ force: true }),
        ],
        ['GET', (id) => `/api/campaigns/${id}/exports`, b.campaignId],
        ['GET', (id) => `/api/campaigns/${id}/analytics`, b.campaignId],
        ['GET', (id) => `/api/campaigns/${id}/events`, b.campaignId],
        ['GET', (id) => `/api/campaigns/${id}/replies`, b.campaignId],
        ['POST', (id) => `/api/campaigns/${id}/sync`, b.campaignId],
        ['GET', (id) => `/api/exports/${id}`, b.exportId],
        ['POST', (id) => `/api/exports/${id}/cancel`, b.exportId],
        ['DELETE', (id) => `/api/businesses/${id}/personal-data`, b.businessIds[1]!],
        ['GET', (id) => `/api/subscriptions/${id}`, b.subscriptionId],
        ['DELETE', (id) => `/api/subscriptions/${id}`, b.subscriptionId],
      ];
      for (const [method, path, id, body] of routes) {
        const unknown = randomUUID();
        const foreign = await call(a.token, method, path(id), body);
        const missing = await call(a.token, method, path(unknown), body);
        expect([`${method} ${path(':id')}`, foreign.status]).toEqual([`${method} ${path(':id')}`, 404]);
        expect(JSON.stringify(foreign.body).replaceAll(id, unknown)).toBe(JSON.stringify(missing.body));
      }
      // A erases its own lead with the address B also has: B's business, events and suppressions stay as they were.
      const erased = await call(a.token, 'DELETE', `/api/businesses/${a.businessIds[0]}/personal-data`);
      expect(erased.status).toBe(200);
      expect(erased.body).toMatchObject({ addressSuppressed: true, otherBusinessesCleared: 0 });
      const suppressed = await pg.query('SELECT organization_id::text AS o FROM personal_data_suppressions');
      expect(suppressed.rows).toEqual([{ o: a.id }]);
      // Lists show only the caller's own rows.
      const subs = await call(a.token, 'GET', '/api/subscriptions');
      expect(subs.body.items.map((s: { id: string }) => s.id)).toEqual([a.subscriptionId]);
      const settings = await call(a.token, 'GET', '/api/settings/instantly');
      expect(settings.body).toMatchObject({ organizationId: a.id, apiKeyLast4: a.apiKey.slice(-4) });
      expect(await snapshotOrganization(pg, b.id)).toEqual(before);
    } finally {
      await pg.end();
    }
  });

  it('webhook registration is per organization: the new path and its alias, never into another’s intake', async () => {
    const first = await call(TEST_API_TOKEN, 'POST', '/api/settings/instantly/webhook');
    expect([200, 201]).toContain(first.status);
    expect(first.body.targetUrl).toBe(`${stack.apiUrl}/api/webhooks/instantly`);
    const alias = await call(TEST_API_TOKEN, 'POST', '/api/instantly/webhooks');
    expect([alias.status, alias.body.webhookId]).toEqual([200, first.body.webhookId]);
    // Organization A: its own intake URL (the path names it), never the default organization's intake, and never
    // a webhook in another workspace.
    const a = await call(org('A').token, 'POST', '/api/settings/instantly/webhook');
    const targets = [...stack.sim.state.workspace(org('A').apiKey).webhooks.values()].map(
      (w) => w.target_hook_url,
    );
    expect([200, 201]).toContain(a.status);
    expect(a.body.targetUrl).toBe(`${stack.apiUrl}/api/webhooks/instantly/${org('A').id}`);
    expect(targets).toEqual([`${stack.apiUrl}/api/webhooks/instantly/${org('A').id}`]);
    expect(stack.sim.state.workspace(org('B').apiKey).webhooks.size).toBe(0);
  });

  it('an organization without a key of its own never uses the deployment’s INSTANTLY_API_KEY', async () => {
    const c = await admin('POST', '/api/admin/organizations', { name: 'No key yet' });
    const settings = await call(c.body.apiToken, 'GET', '/api/settings/instantly');
    expect(settings.body).toMatchObject({ configured: false, source: null });
    const test = await call(c.body.apiToken, 'POST', '/api/settings/instantly/test');
    expect(test.body).toMatchObject({ ok: false, error: expect.stringContaining('no Instantly API key') });
    // The default organization still has it.
    const d = await call(TEST_API_TOKEN, 'GET', '/api/settings/instantly');
    expect(d.body).toMatchObject({ configured: true, source: 'environment' });
  });

  it('a revoked token gets 401 on its next request; the organization’s other token keeps working', async () => {
    const a = org('A');
    const issued = await admin('POST', `/api/admin/organizations/${a.id}/tokens`, { label: 'rotation' });
    expect(issued.status).toBe(201);
    expect(issued.body.apiToken).toMatch(/^ibk_[A-Za-z0-9_-]{43}$/);
    expect((await call(issued.body.apiToken, 'GET', '/api/whoami')).body.organizationId).toBe(a.id);
    const stored = await stack.db.prisma.organizationApiToken.findUniqueOrThrow({
      where: { id: issued.body.tokenId },
    });
    expect(JSON.stringify(stored)).not.toContain(issued.body.apiToken);
    expect(
      (await admin('DELETE', `/api/admin/organizations/${a.id}/tokens/${issued.body.tokenId}`)).status,
    ).toBe(204);
    expect((await call(issued.body.apiToken, 'GET', '/api/whoami')).status).toBe(401);
    expect((await call(a.token, 'GET', '/api/whoami')).status).toBe(200);
    // Another organization cannot revoke A's token through its own id.
    const b = org('B');
    expect(
      (await admin('DELETE', `/api/admin/organizations/${b.id}/tokens/${issued.body.tokenId}`)).status,
    ).toBe(404);
  });

  it('the admin API takes ADMIN_TOKEN only and validates its input', async () => {
    for (const token of [org('A').token, TEST_API_TOKEN, 'wrong-token-wrong-token'])
      expect((await call(token, 'GET', '/api/admin/organizations')).status).toBe(401);
    expect((await call(org('A').token, 'POST', '/api/admin/organizations', { name: 'x' })).status).toBe(401);
    const list = await admin('GET', '/api/admin/organizations');
    expect(list.status).toBe(200);
    const names = list.body.items.map((o: { name: string }) => o.name);
    expect(names).toEqual(expect.arrayContaining(['Agency A', 'Agency B']));
    expect(JSON.stringify(list.body)).not.toContain('ibk_');
    const bad = await admin('POST', '/api/admin/organizations', { name: 'nul\u0000', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['body', 'body.name']);
    expect((await admin('POST', `/api/admin/organizations/${randomUUID()}/tokens`, {})).status).toBe(404);
  });
});

/**
 * Proof that the real-n8n harness works, once per n8n host (hosts.ts: 2.8.4 on the machine's Node, 2.41.1 on
 * Node 24): n8n (ensure-n8n.ts) loads our community package and talks to a
 * throwaway loopback stub standing in for the Instantly Bridge API. The whole-stack n8n e2e test is
 * n8n.test.ts; this file only proves the harness and the two n8n-specific behaviours that need a real n8n:
 * batching (300 items → ONE request) and the signed webhook trigger (register once, 401 for bad signatures).
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { signStandardWebhook } from '../../n8n-nodes/nodes/InstantlyBridgeTrigger/signature';
import { ensureN8n } from './n8n-host/ensure-n8n';
import { hostTitle, N8N_HOSTS } from './n8n-host/hosts';
import { startStub, STUB_TOKEN } from './n8n-host/harness-stub';
import { PICKERS_WF, pickersWorkflow, searchLocator } from './n8n-host/pickers';
import { toolExecutorOutput, toolWorkflow } from './n8n-host/tool-workflow';

const TOOL_WF = 'e2eHarnessAiTool01';
/** Export → Get as an AI-agent tool: the export picker "by ID", its value left to the agent ($fromAI). */
const harnessToolWorkflow = toolWorkflow(
  TOOL_WF,
  {
    resource: 'export',
    operation: 'get',
    exportId: {
      __rl: true,
      mode: 'id',
      value: "={{ $fromAI('exportId', 'The export id returned by Export: Start', 'string') }}",
    },
  },
  { exportId: 'exp_cmp_pick_9_a' },
  { instantlyBridgeApi: { id: 'e2eHarnessCred001', name: 'Stub bridge' } },
);
import {
  ACTION_NODE_TYPE,
  buildNodesPackage,
  createN8nUserFolder,
  installPackageInto,
  N8nRunner,
  nodeOutput,
  type PublicApi,
  type StartedN8n,
  TRIGGER_NODE_TYPE,
  waitUntil,
} from './n8n-host/n8n-runner';
import { workflowNode } from './n8n-host/workflow-json';

const WEBHOOK_ID = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
const IMPORT_WF = 'e2eHarnessImport01';
const TRIGGER_WF = 'e2eHarnessTrigger1';
const EXPORT_WF = 'e2eHarnessExport01';
const CRED = { id: 'e2eHarnessCred001', name: 'Stub bridge' };

const node = workflowNode;
const credentials = { instantlyBridgeApi: CRED };

const importWorkflow = {
  id: IMPORT_WF,
  name: 'Harness: import 300',
  active: false,
  settings: { executionOrder: 'v1' },
  nodes: [
    node('Start', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
    node('Make 300', 'n8n-nodes-base.code', 2, 1, {
      jsCode:
        'return Array.from({ length: 300 }, (_, i) => ({ json: { name: `Biz ${i}`, email: `biz${i}@example.com`, rating: "4.5", reviews_count: i } }));',
    }),
    node(
      'Import',
      ACTION_NODE_TYPE,
      1,
      2,
      { resource: 'campaign', operation: 'importBusinesses', target: 'new', campaignName: 'Harness proof' },
      { credentials },
    ),
  ],
  connections: {
    Start: { main: [[{ node: 'Make 300', type: 'main', index: 0 }]] },
    'Make 300': { main: [[{ node: 'Import', type: 'main', index: 0 }]] },
  },
};

// Instantly templates, including values saved in expression mode ("=") and a delay that IS an expression.
const exportWorkflow = {
  id: EXPORT_WF,
  name: 'Harness: export placeholders',
  active: false,
  settings: { executionOrder: 'v1' },
  nodes: [
    node('Start', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
    node(
      'Export',
      ACTION_NODE_TYPE,
      1,
      1,
      {
        resource: 'export',
        operation: 'start',
        campaignId: 'cmp_stub_1',
        campaignName: 'Harness export',
        timezone: 'America/Chicago',
        scheduleFrom: '09:00',
        scheduleTo: '17:00',
        days: ['mon', 'wed'],
        sequence: {
          steps: [
            {
              subject: 'Quick question, {{firstName}}',
              body: 'Hi {{firstName}},\n{{icebreaker}}',
              delayDays: 0,
              variants: {
                variant: [{ subject: '={{firstName}} + {{companyName}}', body: '=Hey {{ firstName }}' }],
              },
            },
            { subject: '', body: 'Following up, {{firstName}}', delayDays: '={{ 1 + 2 }}' },
          ],
        },
      },
      { credentials },
    ),
  ],
  connections: { Start: { main: [[{ node: 'Export', type: 'main', index: 0 }]] } },
};

const triggerWorkflow = {
  id: TRIGGER_WF,
  name: 'Harness: trigger',
  active: false,
  settings: { executionOrder: 'v1' },
  nodes: [
    node(
      'Bridge Trigger',
      TRIGGER_NODE_TYPE,
      1,
      0,
      { eventTypes: ['reply_received'], campaignIds: '' },
      { credentials, webhookId: WEBHOOK_ID },
    ),
  ],
  connections: {},
};

describe.each(N8N_HOSTS.map((host) => [hostTitle(host), host] as const))(
  'real %s harness (stub API)',
  (_title, host) => {
    let stub: Awaited<ReturnType<typeof startStub>>;
    let runner: N8nRunner;
    let n8n: StartedN8n | undefined;

    beforeAll(
      async () => {
        const [n8nInstall, nodesPackage] = await Promise.all([ensureN8n({ host }), buildNodesPackage()]);
        stub = await startStub();
        runner = new N8nRunner(n8nInstall, createN8nUserFolder());
        installPackageInto(runner.userFolder, nodesPackage);
        await runner.importCredentials([
          { ...CRED, type: 'instantlyBridgeApi', data: { baseUrl: stub.url, apiToken: STUB_TOKEN } },
        ]);
        await runner.importWorkflows([
          importWorkflow,
          exportWorkflow,
          triggerWorkflow,
          pickersWorkflow(stub.url, credentials),
          harnessToolWorkflow,
        ]);
        await runner.publishWorkflow(TRIGGER_WF);
      },
      (host.installMinutes + 5) * 60_000,
    );

    afterAll(async () => {
      await n8n?.stop();
      await new Promise((r) => stub?.server.close(r));
      runner?.cleanup();
    });

    it('sends 300 items as ONE import request', async () => {
      const result = await runner.executeWorkflow(IMPORT_WF);
      const imports = stub.seen.filter((s) => s.path.startsWith('/api/campaigns'));
      expect(imports).toHaveLength(1);
      expect(imports[0]).toMatchObject({ method: 'POST', path: '/api/campaigns', authorized: true });
      const body = imports[0]!.body as { name: string; businesses: Array<Record<string, unknown>> };
      expect(body.name).toBe('Harness proof');
      expect(body.businesses).toHaveLength(300);
      expect(body.businesses[7]).toEqual({
        name: 'Biz 7',
        email: 'biz7@example.com',
        rating: 4.5,
        reviews_count: 7,
      });
      expect(nodeOutput(result, 'Import')).toEqual([
        { campaignId: 'cmp_stub_1', created: true, businessCount: 300, added: 300, requests: 1 },
      ]);
    }, 180_000);

    it('sends Instantly {{placeholders}} byte-for-byte through real n8n parameter handling', async () => {
      const result = await runner.executeWorkflow(EXPORT_WF);
      const starts = stub.seen.filter((s) => s.path.endsWith('/export-to-instantly'));
      expect(starts).toHaveLength(1);
      expect((starts[0]!.body as { sequence: unknown }).sequence).toEqual([
        {
          subject: 'Quick question, {{firstName}}',
          body: 'Hi {{firstName}},\n{{icebreaker}}',
          delayDays: 0,
          variants: [{ subject: '{{firstName}} + {{companyName}}', body: 'Hey {{ firstName }}' }],
        },
        { subject: '', body: 'Following up, {{firstName}}', delayDays: 3 },
      ]);
      expect(nodeOutput(result, 'Export')).toEqual([
        { exportId: 'exp_stub_1', workflowId: 'export/exp_stub_1' },
      ]);
    }, 180_000);

    it('reads the campaign and export pickers by URL and by ID (n8n extracts the ids)', async () => {
      const result = await runner.executeWorkflow(PICKERS_WF);
      expect(result.status).toBe('success');
      const gets = stub.seen.filter((s) => s.method === 'GET' && /\/exports/.test(s.path)).map((s) => s.path);
      expect(gets).toEqual([
        '/api/campaigns/cmp_pick_3/exports', // campaign by URL (the dashboard's …/ui/campaigns/<id>)
        '/api/exports/exp_cmp_pick_3_a', // export by URL, built by an expression per item
        '/api/exports/exp_cmp_pick_3_b',
        '/api/exports/exp_cmp_pick_7_b', // export by ID
      ]);
      expect(nodeOutput(result, 'Export by ID')).toEqual([
        expect.objectContaining({ exportId: 'exp_cmp_pick_7_b', status: 'running' }),
      ]);
    }, 180_000);

    it('the AI-agent tool variant runs Export → Get with the arguments an agent gives (no LLM)', async () => {
      const before = stub.seen.length;
      const result = await runner.executeWorkflow(TOOL_WF);
      expect(result.status).toBe('success');
      expect(toolExecutorOutput(result)).toEqual([
        expect.objectContaining({ exportId: 'exp_cmp_pick_9_a', status: 'completed' }),
      ]);
      expect(stub.seen.slice(before)).toEqual([
        { method: 'GET', path: '/api/exports/exp_cmp_pick_9_a', body: undefined, authorized: true },
      ]);
    }, 180_000);

    const hookUrl = (): string => `${n8n!.url}/webhook/${WEBHOOK_ID}/instantly-bridge`;
    const post = async (body: string, headers: Record<string, string>): Promise<number> =>
      (
        await fetch(hookUrl(), {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
        })
      ).status;
    const signed = (
      secret: string,
      body: string,
      ts = Math.floor(Date.now() / 1000),
      id = `evt_${randomUUID()}`,
    ) => ({
      'webhook-id': id,
      'webhook-timestamp': String(ts),
      'webhook-signature': signStandardWebhook(secret, id, ts, body),
    });
    // Pretty-printed on purpose: the signature only verifies if the node checks the RAW bytes n8n received.
    const event = (type: string) =>
      JSON.stringify(
        {
          id: `e_${randomUUID()}`,
          type,
          occurredAt: new Date().toISOString(),
          campaignId: 'cmp_1',
          leadEmail: 'lead@example.com',
          step: 1,
          variant: 0,
          replyText: 'Hi {{firstName}}, yes!',
        },
        null,
        2,
      );

    let api: PublicApi;
    it('activation registers one subscription; only a validly signed delivery runs the workflow', async () => {
      n8n = await runner.startN8n();
      // Registered = our node answers (401 to an unsigned call) instead of n8n's 404 "not registered", and its
      // create() stored the subscription (n8n makes the webhook routable before it calls create()).
      await waitUntil(
        'trigger webhook registered',
        async () => (await post('{}', {})) === 401 && stub.subs.size === 1,
      );
      const subs = [...stub.subs.values()];
      expect(subs).toHaveLength(1);
      expect(subs[0]).toMatchObject({
        targetUrl: hookUrl(),
        eventTypes: ['reply_received'],
        campaignIds: [],
      });
      // checkExists asked the service (nothing stored yet → look up by URL), then create registered once.
      expect(
        stub.seen.filter((s) => s.path.startsWith('/api/subscriptions')).map((s) => s.method + ' ' + s.path),
      ).toEqual([
        `GET /api/subscriptions?targetUrl=${encodeURIComponent(hookUrl())}`,
        'POST /api/subscriptions',
      ]);
      const secret = subs[0]!.secret;

      const good = event('reply_received');
      const now = Math.floor(Date.now() / 1000);
      expect(await post(good, {})).toBe(401);
      expect(await post(good, signed(`whsec_${randomBytes(24).toString('base64')}`, good))).toBe(401);
      expect(await post(good, signed(secret, good, now - 400))).toBe(401);
      expect(await post(good, signed(secret, good, now + 400))).toBe(401);
      expect(await post(good.replace('yes', 'no'), signed(secret, good))).toBe(401);
      expect(await post(event('email_opened'), signed(secret, event('email_opened')))).toBe(401); // body ≠ signed body
      const opened = event('email_opened');
      expect(await post(opened, signed(secret, opened))).toBe(200); // valid but not a selected type: ignored
      expect(await post(good, signed(secret, good))).toBe(200);

      api = await runner.enablePublicApi(n8n);
      await waitUntil('one execution', async () => (await api.listExecutions(TRIGGER_WF)).length >= 1);
      await new Promise((r) => setTimeout(r, 1000)); // would a rejected call have produced a late execution?
      const executions = await api.listExecutions(TRIGGER_WF);
      expect(executions).toHaveLength(1);
      expect(executions[0]!.status).toBe('success');
      const items = executions[0]!.data!.resultData.runData['Bridge Trigger']![0]!.data!.main[0]!;
      expect(items.map((i) => i.json)).toEqual([JSON.parse(good)]);
    }, 240_000);

    it('a restart keeps the one subscription; deactivate + activate replaces it (one at a time)', async () => {
      const count = (method: string, prefix: string) =>
        stub.seen.filter((s) => s.method === method && s.path.startsWith(prefix)).length;
      const { port } = n8n!;
      await n8n!.stop();
      const postsBefore = count('POST', '/api/subscriptions');
      n8n = await runner.startN8n({ port }); // same port: same webhook URL, same API base
      await waitUntil('trigger webhook registered', async () => (await post('{}', {})) === 401);
      // n8n (2.8.4 and 2.41.1) keeps webhooks registered across restarts, so the stored secret stays valid.
      expect(count('POST', '/api/subscriptions')).toBe(postsBefore);
      expect(stub.subs.size).toBe(1);
      const oldSecret = [...stub.subs.values()][0]!.secret;
      const afterRestart = event('reply_received');
      expect(await post(afterRestart, signed(oldSecret, afterRestart))).toBe(200);

      await api.deactivate(TRIGGER_WF);
      // n8n 2.41 may finish the webhook teardown after answering the API call: wait (bounded) for delete().
      await waitUntil('subscription deleted on deactivation', async () => stub.subs.size === 0).catch(
        (error: unknown) => {
          const calls = stub.seen.filter((s) => s.path.startsWith('/api/subscriptions'));
          throw new Error(
            `${String(error)}; subscription calls: ${JSON.stringify(calls.map((c) => `${c.method} ${c.path}`))}\n${n8n!.logs().slice(-4000)}`,
          );
        },
      );
      expect(stub.subs.size).toBe(0);
      expect(count('DELETE', '/api/subscriptions/')).toBe(1);
      await api.activate(TRIGGER_WF);
      await waitUntil(
        'trigger webhook registered again',
        async () => (await post('{}', {})) === 401 && stub.subs.size === 1,
      );
      expect(stub.subs.size).toBe(1);
      const newSecret = [...stub.subs.values()][0]!.secret;
      const afterReactivation = event('reply_received');
      expect(await post(afterReactivation, signed(oldSecret, afterReactivation))).toBe(401);
      expect(await post(afterReactivation, signed(newSecret, afterReactivation))).toBe(200);
      await waitUntil('three executions', async () => (await api.listExecutions(TRIGGER_WF)).length >= 3);
      expect(await api.listExecutions(TRIGGER_WF)).toHaveLength(3);
    }, 240_000);

    it('the pickers list the service campaigns (search, next page) and their exports', async () => {
      const search = (opts: Omit<Parameters<typeof searchLocator>[1], 'credentials'>) =>
        searchLocator(api, { ...opts, credentials });
      const campaigns = (filter?: string, paginationToken?: string) =>
        search({
          parameter: 'campaignId',
          method: 'searchCampaigns',
          operation: 'getAll',
          filter,
          paginationToken,
        });
      const first = await campaigns();
      expect(first.results).toHaveLength(50);
      expect(first.results[0]).toEqual({ name: 'Bakery 00', value: 'cmp_pick_0' });
      expect(first.paginationToken).toBe('50');
      const second = await campaigns(undefined, first.paginationToken);
      expect(second.results.map((r) => r.value)).toEqual(
        Array.from({ length: 10 }, (_, i) => `cmp_pick_${50 + i}`),
      );
      expect(second.paginationToken).toBeUndefined();
      // The search text goes to the service (q), which filters by name.
      const plumbers = await campaigns('plumb');
      expect(plumbers.results.map((r) => r.name)).toEqual([
        'Plumber 00',
        'Plumber 01',
        'Plumber 02',
        'Plumber 03',
        'Plumber 04',
      ]);
      expect(stub.seen.filter((s) => s.path.startsWith('/api/campaigns?')).map((s) => s.path)).toEqual([
        '/api/campaigns?limit=50',
        '/api/campaigns?limit=50&cursor=50',
        '/api/campaigns?limit=50&q=plumb',
      ]);
      const exports = await search({
        parameter: 'exportId',
        method: 'searchExports',
        operation: 'get',
        filter: 'Plumber 03',
      });
      expect(exports.results).toEqual([
        {
          name: 'Plumber 03 · Outreach a · completed · 2026-12-01T10:00:00.000Z',
          value: 'exp_cmp_pick_58_a',
        },
        { name: 'Plumber 03 · Outreach b · running · 2026-12-01T10:00:00.000Z', value: 'exp_cmp_pick_58_b' },
      ]);
    }, 180_000);
  },
);

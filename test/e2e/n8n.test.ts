/**
 * END TO END in a real n8n — once per host of hosts.ts (2.8.4 on the machine's Node, 2.41.1 on Node 24) — against
 * the WHOLE stack: our HTTP API (startTestStack: PostgreSQL, a Temporal
 * worker, the Instantly simulator as Instantly), the community package installed into n8n as a user would.
 * Nothing is stubbed: n8n's nodes call our API over HTTP, our workflows call the simulator, the simulator's
 * webhooks reach our intake, and our subscriber deliveries reach n8n's production webhook.
 *
 * (1) Manual Trigger → Code (300 businesses) → Import Businesses → Export: Start (wait for completion),
 *     run by `n8n execute`: one POST /api/campaigns for the 300 items, a finished export, and a draft in
 *     Instantly whose subjects/bodies keep their {{placeholders}} byte-for-byte.
 * (2) An active workflow with the Instantly Bridge Trigger (email_opened + reply_received, campaign A only)
 *     under `n8n start`; the simulator plays campaign A and another exported campaign B; every matching event
 *     of A (and nothing else) starts exactly one n8n execution. Then deactivate + re-activate, replay every
 *     webhook already delivered (duplicated), and play a second export of A: no delivery is ever doubled.
 */
import type { IncomingMessage } from 'node:http';

import { engagementStateQuery } from '../../contracts/engagement';
import { createInstantlyClient } from '../../lib/instantly';
import { startTestStack, TEST_API_TOKEN, waitForExport, type TestStack } from '../helpers/stack';
import { makeBusinesses } from '../fixtures/businesses';
import type { SeedBusiness } from '../helpers/seed';
import type { WebhookPayload } from '../../simulator';
import { ensureN8n } from './n8n-host/ensure-n8n';
import { hostTitle, N8N_HOSTS } from './n8n-host/hosts';
import { TOOL_NODE, TOOL_NODE_TYPE, toolExecutorOutput, toolWorkflow } from './n8n-host/tool-workflow';
import {
  ACTION_NODE_TYPE,
  buildNodesPackage,
  createN8nUserFolder,
  installPackageInto,
  N8nRunner,
  nodeOutput,
  type N8nExecution,
  type PublicApi,
  type StartedN8n,
  TRIGGER_NODE_TYPE,
  waitUntil,
} from './n8n-host/n8n-runner';
import { workflowNode } from './n8n-host/workflow-json';

const IMPORT_EXPORT_WF = 'e2eStackImportExport';
const TRIGGER_WF = 'e2eStackTrigger00001';
const TOOL_WF = 'e2eStackAiTool000001';
const CRED = { id: 'e2eStackCred00001', name: 'Instantly Bridge (test stack)' };
const WEBHOOK_ID = '0f6c1e52-7d3a-4c8e-9b1f-5a2d3c4e5f60';
const TRIGGER_NODE = 'Bridge Trigger';
const SELECTED_TYPES = ['email_opened', 'reply_received'];
const LEADS = 300;
const ROUND2_LEADS = 150;

const credentials = { instantlyBridgeApi: CRED };
const node = workflowNode;

// What the user types into the Export node: Instantly templates, never n8n expressions.
const STEP1_SUBJECT = 'Quick question, {{firstName}}';
const STEP1_BODY =
  'Hi {{firstName}},\n\n{{icebreaker}}\n\nWe help {{business_category}} owners in {{business_location}}.';
const STEP1_VARIANT_SUBJECT = '{{subject_line}}';
const STEP1_VARIANT_BODY = 'Hey {{ firstName }}, one idea for {{companyName}}.';
const STEP2_BODY = 'Following up, {{firstName}}.';

// 300 businesses as the previous node of a real workflow would emit them: every one has an email and every
// variable the sequence uses (first_name, icebreaker, category, city/state, subject_line, name).
const MAKE_BUSINESSES_JS = `
const cities = [['Austin', 'TX'], ['Denver', 'CO'], ['Portland', 'OR']];
return Array.from({ length: ${LEADS} }, (_, i) => ({
  json: {
    name: 'Bakery ' + i,
    email: 'owner' + i + '@bakery-' + i + '.example.com',
    first_name: 'Owner' + i,
    category: 'Bakery',
    city: cities[i % 3][0],
    state: cities[i % 3][1],
    rating: String(3.5 + (i % 15) / 10),
    reviews_count: 10 + i,
    website: 'https://bakery-' + i + '.example.com',
    icebreaker: 'Your sourdough has ' + (10 + i) + ' glowing reviews.',
    subject_line: 'An idea for Bakery ' + i,
  },
}));`;

/** The Export node picks campaign A "by URL" (n8n extracts the id), a URL made from the Import's output. */
const importExportWorkflow = (apiUrl: string) => ({
  id: IMPORT_EXPORT_WF,
  name: 'E2E: import 300 businesses and export them to Instantly',
  active: false,
  settings: { executionOrder: 'v1' },
  nodes: [
    node('Start', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
    node('Make 300 businesses', 'n8n-nodes-base.code', 2, 1, { jsCode: MAKE_BUSINESSES_JS }),
    node(
      'Import',
      ACTION_NODE_TYPE,
      1,
      2,
      { resource: 'campaign', operation: 'importBusinesses', target: 'new', campaignName: 'Bakeries (n8n)' },
      { credentials },
    ),
    node(
      'Export',
      ACTION_NODE_TYPE,
      1,
      3,
      {
        resource: 'export',
        operation: 'start',
        campaignId: { __rl: true, mode: 'url', value: `=${apiUrl}/api/campaigns/{{ $json.campaignId }}` },
        campaignName: 'Bakeries outreach',
        timezone: 'America/Chicago',
        scheduleFrom: '09:00',
        scheduleTo: '17:00',
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        sequence: {
          steps: [
            {
              subject: STEP1_SUBJECT,
              body: STEP1_BODY,
              delayDays: 0,
              variants: { variant: [{ subject: STEP1_VARIANT_SUBJECT, body: STEP1_VARIANT_BODY }] },
            },
            { subject: '', body: STEP2_BODY, delayDays: 3 },
          ],
        },
        activate: false,
        waitForCompletion: true,
        pollInterval: 1,
        waitTimeout: 120,
      },
      { credentials },
    ),
  ],
  connections: {
    Start: { main: [[{ node: 'Make 300 businesses', type: 'main', index: 0 }]] },
    'Make 300 businesses': { main: [[{ node: 'Import', type: 'main', index: 0 }]] },
    Import: { main: [[{ node: 'Export', type: 'main', index: 0 }]] },
  },
});

const triggerWorkflow = (campaignId: string) => ({
  id: TRIGGER_WF,
  name: 'E2E: opens and replies of one campaign',
  active: false,
  settings: { executionOrder: 'v1' },
  nodes: [
    node(
      TRIGGER_NODE,
      TRIGGER_NODE_TYPE,
      1,
      0,
      { eventTypes: SELECTED_TYPES, campaignIds: campaignId },
      { credentials, webhookId: WEBHOOK_ID },
    ),
  ],
  connections: {},
});

// Low rates keep the number of n8n executions (≈ 100 per play) and the runtime small.
const STORY = {
  openRate: 0.15,
  clickRate: 0.3,
  replyRate: 0.08,
  bounceRate: 0.02,
  unsubscribeRate: 0.02,
  autoReplyRate: 0.03,
  concurrency: 8,
};

/** A fixture business in the API's (seed plan's) field names. */
const toBusinessInput = (b: SeedBusiness) => ({
  name: b.name,
  email: b.email,
  icebreaker: b.icebreaker,
  category: b.category,
  city: b.city,
  state: b.state,
});

const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;

describe.each(N8N_HOSTS.map((host) => [hostTitle(host), host] as const))(
  '%s end to end against the whole stack (API, Temporal, PostgreSQL, Instantly simulator)',
  (_title, host) => {
    let stack: TestStack;
    let runner: N8nRunner;
    let n8n: StartedN8n | undefined;
    let api: PublicApi;
    /** Every request our API received: "METHOD /path?query". */
    const apiRequests: string[] = [];
    const timings: string[] = [];

    /** Our campaign A (created by the n8n import) and its first export (the n8n-made draft). */
    let campaignA: string;
    let instantlyA: string;

    beforeAll(
      async () => {
        const started = Date.now();
        const [n8nHost, nodesPackage, s] = await Promise.all([
          ensureN8n({
            host,
            log: (line) => process.stderr.write(`[n8n ${host.n8nVersion} install] ${line}\n`),
          }),
          buildNodesPackage(),
          startTestStack({
            name: 'n8n-e2e',
            // n8n's webhook URL is on 127.0.0.1: the trigger's subscription needs loopback targets allowed.
            env: { ENGAGEMENT_POLL_INTERVAL: '2s', SUBSCRIPTION_ALLOW_PRIVATE_TARGETS: 'loopback' },
            onRequest: (req: IncomingMessage) => apiRequests.push(`${req.method} ${req.url}`),
          }),
        ]);
        stack = s;
        timings.push(
          `n8n host ${n8nHost.installedNow ? 'INSTALLED' : 'cached'} in ${n8nHost.seconds} s; stack + package ${seconds(started)}`,
        );
        console.log(`[n8n e2e] ${timings.at(-1)} (${n8nHost.bin} on ${n8nHost.node})`);
        runner = new N8nRunner(n8nHost, createN8nUserFolder());
        installPackageInto(runner.userFolder, nodesPackage);
        await runner.importCredentials([
          { ...CRED, type: 'instantlyBridgeApi', data: { baseUrl: stack.apiUrl, apiToken: TEST_API_TOKEN } },
        ]);
        await runner.importWorkflow(importExportWorkflow(stack.apiUrl));
      },
      (host.installMinutes + 5) * 60_000,
    );

    afterAll(async () => {
      await n8n?.stop();
      await stack?.stop();
      runner?.cleanup();
      console.log(`[n8n e2e ${host.n8nVersion}] timings:\n  ${timings.join('\n  ')}`);
    });

    it('(1) imports 300 items with ONE API call and exports them to an Instantly draft, placeholders intact', async () => {
      const started = Date.now();
      const result = await runner.executeWorkflow(IMPORT_EXPORT_WF);
      timings.push(`(1) n8n execute import + export: ${seconds(started)}`);
      expect(result.status).toBe('success');

      // Import: one summary item; ONE request carried all 300 businesses.
      const [summary] = nodeOutput(result, 'Import');
      expect(summary).toEqual({
        campaignId: expect.any(String),
        created: true,
        businessCount: LEADS,
        added: LEADS,
        requests: 1,
      });
      campaignA = summary!.campaignId as string;
      const campaignCalls = apiRequests.filter((r) => r.startsWith('POST /api/campaigns'));
      expect(campaignCalls).toEqual([
        'POST /api/campaigns',
        `POST /api/campaigns/${campaignA}/export-to-instantly`,
      ]);
      // The database agrees: exactly one campaign exists, holding exactly the 300 businesses of that call.
      const campaigns = await stack.db.prisma.campaign.findMany({
        include: { _count: { select: { businesses: true } } },
      });
      expect(campaigns.map((c) => ({ id: c.id, name: c.name, n: c._count.businesses }))).toEqual([
        { id: campaignA, name: 'Bakeries (n8n)', n: LEADS },
      ]);

      // Export: the node waited for the finished export document.
      const [doc] = nodeOutput(result, 'Export');
      expect(doc).toMatchObject({
        campaignId: campaignA,
        status: 'completed',
        instantlyCampaignName: expect.stringContaining('Bakeries outreach'),
        result: {
          counters: {
            eligible: LEADS,
            rejected: 0,
            sent: LEADS,
            uploaded: LEADS,
            duplicate: 0,
            invalid: 0,
            blocklisted: 0,
            skipped: 0,
          },
          activated: false,
          error: null,
        },
      });
      instantlyA = (doc!.result as { instantlyCampaignId: string }).instantlyCampaignId;
      expect(apiRequests.filter((r) => r.startsWith('GET /api/exports/')).length).toBeGreaterThanOrEqual(1);

      // Instantly (the simulator): ONE draft campaign holding the 300 leads, templates byte-for-byte.
      const ws = stack.sim.state.workspace(stack.apiKey);
      expect([...ws.campaigns.keys()]).toEqual([instantlyA]);
      expect(stack.sim.countRequests('POST /api/v2/campaigns')).toBe(1);
      const draft = ws.campaigns.get(instantlyA)!;
      expect(draft.status).toBe(0);
      const leads = ws.leadsOfCampaign(instantlyA);
      expect(leads).toHaveLength(LEADS);
      expect(new Set(leads.map((l) => l.email))).toEqual(
        new Set(Array.from({ length: LEADS }, (_, i) => `owner${i}@bakery-${i}.example.com`)),
      );
      expect(leads.find((l) => l.email === 'owner7@bakery-7.example.com')).toMatchObject({
        first_name: 'Owner7',
        company_name: 'Bakery 7',
      });
      const steps = draft.sequences[0]!.steps.map((step) => ({
        delay: (step as { delay?: unknown }).delay,
        variants: (step as { variants: Array<{ subject: string; body: string }> }).variants.map((v) => ({
          subject: v.subject,
          body: v.body,
        })),
      }));
      // Subjects exactly as typed; plain-text bodies become one <div> per line (the service's documented
      // Instantly HTML), with every {{placeholder}} — spaces included — untouched.
      expect(steps).toEqual([
        {
          delay: 3,
          variants: [
            {
              subject: STEP1_SUBJECT,
              body:
                '<div>Hi {{firstName}},</div><div><br /></div><div>{{icebreaker}}</div><div><br /></div>' +
                '<div>We help {{business_category}} owners in {{business_location}}.</div>',
            },
            {
              subject: STEP1_VARIANT_SUBJECT,
              body: '<div>Hey {{ firstName }}, one idea for {{companyName}}.</div>',
            },
          ],
        },
        { delay: 0, variants: [{ subject: '', body: `<div>${STEP2_BODY}</div>` }] },
      ]);
    }, 180_000);

    // ---- (1b) the AI-agent tool variant, executed by n8n ----------------------------------------------------

    it('(1b) the tool variant runs an operation against the stack with arguments an agent would give', async () => {
      expect(instantlyA).toBeDefined(); // (1) ran
      const exportA = await exportIdOf(instantlyA);
      const before = apiRequests.length;
      // Export: Get, its id left to the agent ($fromAI) as an n8n AI Agent would fill it.
      const wf = toolWorkflow(
        TOOL_WF,
        {
          resource: 'export',
          operation: 'get',
          // the export picker "by ID", its value left to the agent
          exportId: {
            __rl: true,
            mode: 'id',
            value: "={{ $fromAI('exportId', 'The export id returned by Export: Start', 'string') }}",
          },
        },
        { exportId: exportA },
        credentials,
      );
      await runner.importWorkflow(wf);
      const started = Date.now();
      const result = await runner.executeWorkflow(TOOL_WF);
      timings.push(`(1b) n8n execute of the tool variant: ${seconds(started)}`);
      expect(result.status).toBe('success');
      // The tool answered the caller with the export document our API serves for exactly that id…
      const response = toolExecutorOutput(result);
      expect(response).toHaveLength(1);
      expect(response[0]).toMatchObject({
        exportId: exportA,
        campaignId: campaignA,
        status: 'completed',
        result: { instantlyCampaignId: instantlyA, counters: { uploaded: LEADS } },
      });
      // …fetched by ONE authorised call of the node's own operation path (the API only answers with a token).
      expect(apiRequests.slice(before)).toEqual([`GET /api/exports/${exportA}`]);
      expect(Object.keys(result.data.resultData.runData)).toEqual(
        expect.arrayContaining(['Start', 'Tool Executor', TOOL_NODE]),
      );
    }, 240_000);

    // ---- (2) the trigger -------------------------------------------------------------------------------------

    const hookUrl = (): string => `${n8n!.url}/webhook/${WEBHOOK_ID}/instantly-bridge`;
    const instantly = () => createInstantlyClient({ apiKey: stack.apiKey, baseUrl: stack.sim.apiUrl });

    /** Exports our campaign `campaignId` through the API with activation (as a user would after review). */
    const exportActive = async (campaignId: string, name: string): Promise<string> => {
      const started = await stack.request('POST', `/api/campaigns/${campaignId}/export-to-instantly`, {
        campaignName: name,
        schedule: { timezone: 'America/Chicago', from: '09:00', to: '17:00', days: ['mon', 'wed', 'fri'] },
        sequence: [
          { subject: 'Hello {{firstName}}', body: '{{icebreaker}}', delayDays: 0 },
          { subject: '', body: 'Any thoughts, {{firstName}}?', delayDays: 2 },
        ],
        activate: true,
      });
      expect(started.status).toBe(202);
      const done = await waitForExport(stack, started.body.exportId);
      expect(done).toMatchObject({ status: 'completed', result: { activated: true } });
      return done.result.instantlyCampaignId as string;
    };

    /**
     * Waits (bounded) until the engagement workflow of an Instantly campaign ended: after campaign_completed, a
     * final sync, and every subscriber delivery it started. On timeout the error shows what it was waiting for.
     */
    const engagementDone = async (instantlyCampaignId: string, timeoutMs = 120_000): Promise<void> => {
      const handle = stack.temporal.workflow.getHandle(`engagement/${instantlyCampaignId}`);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
      const outcome = await Promise.race([handle.result().then(() => 'done' as const), timeout]);
      clearTimeout(timer);
      if (outcome === 'done') return;
      const d = await handle.describe();
      const state = await handle.query(engagementStateQuery).catch((e: unknown) => String(e));
      const pending = (d.raw.pendingActivities ?? []).map((a) => ({
        type: a.activityType?.name,
        attempt: a.attempt,
        lastFailure: a.lastFailure?.message,
      }));
      throw new Error(
        `engagement/${instantlyCampaignId} still ${d.status.name} after ${timeoutMs} ms: ` +
          JSON.stringify({ state, pending }),
      );
    };

    /**
     * Our DB's applied events of the selected types for the given exports: their ids (= webhook-id). Rows a
     * poll synthesized while webhooks were still in flight are not delivered (the real event is; see
     * activities/engagement-deliver.ts).
     */
    const matchingEventIds = async (exportIds: string[]): Promise<string[]> =>
      (
        await stack.db.prisma.instantlyEvent.findMany({
          where: {
            exportId: { in: exportIds },
            eventType: { in: SELECTED_TYPES },
            appliedAt: { not: null },
            source: { not: 'poll' },
          },
          select: { dedupeKey: true },
        })
      )
        .map((e) => e.dedupeKey)
        .sort();

    const exportIdOf = async (instantlyCampaignId: string): Promise<string> =>
      (await stack.db.prisma.instantlyExport.findFirstOrThrow({ where: { instantlyCampaignId } })).id;

    /** The item each finished execution of the trigger workflow received. */
    const triggered = async (): Promise<Array<Record<string, unknown>>> => {
      const executions: N8nExecution[] = await api.listExecutions(TRIGGER_WF);
      return executions.map((e) => {
        expect(e.status).toBe('success');
        const items = e.data!.resultData.runData[TRIGGER_NODE]![0]!.data!.main[0]!;
        expect(items).toHaveLength(1);
        return items[0]!.json;
      });
    };

    /** Waits for n8n to have finished `expected` executions, then a little longer: would a doubled one come? */
    const settleExecutions = async (expected: number): Promise<Array<Record<string, unknown>>> => {
      await waitUntil(
        `${expected} finished n8n executions`,
        async () => {
          const list = await api.listExecutions(TRIGGER_WF);
          return list.length >= expected && list.every((e) => e.status !== 'running' && e.status !== 'new');
        },
        90_000,
      );
      await new Promise((r) => setTimeout(r, 1500));
      return await triggered();
    };

    const subscriptions = () => stack.db.prisma.eventSubscription.findMany();

    /**
     * The trigger is live when n8n routes its webhook to our node (an unsigned call gets the node's 401, not
     * n8n's 404) AND its subscription exists: n8n 2.8.4 makes the webhook routable before the node's create()
     * has registered the subscription.
     */
    const triggerLive = async (): Promise<boolean> => {
      const res = await fetch(hookUrl(), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return res.status === 401 && (await subscriptions()).length === 1;
    };

    let campaignB: string;
    let instantlyB: string;
    let exportA1: string;
    let exportB: string;

    it('(2a) an active trigger gets each selected event of its campaign exactly once, nothing else', async () => {
      expect(instantlyA).toBeDefined(); // (1) ran
      let t = Date.now();
      // Another campaign, exported and activated through the API: its events must never reach the trigger.
      const createdB = await stack.request('POST', '/api/campaigns', {
        name: 'Plumbers (not selected)',
        businesses: makeBusinesses(80, 'plb').map((b) => ({ ...toBusinessInput(b), first_name: 'Pat' })),
      });
      expect(createdB.status).toBe(201);
      campaignB = createdB.body.id as string;
      instantlyB = await exportActive(campaignB, 'Plumbers outreach');
      [exportA1, exportB] = await Promise.all([exportIdOf(instantlyA), exportIdOf(instantlyB)]);
      timings.push(`(2a) campaign B created + exported: ${seconds(t)}`);

      t = Date.now();
      await runner.importWorkflow(triggerWorkflow(campaignA));
      await runner.publishWorkflow(TRIGGER_WF);
      n8n = await runner.startN8n();
      await waitUntil('trigger webhook and subscription registered', triggerLive);
      api = await runner.enablePublicApi(n8n);
      timings.push(`(2a) import + publish trigger, n8n start, webhook live, API key: ${seconds(t)}`);

      // Activation registered ONE subscription with the node's filters, at n8n's production webhook URL.
      const subs = await subscriptions();
      expect(
        subs.map((s) => ({ url: s.targetUrl, types: [...s.eventTypes].sort(), c: s.campaignIds })),
      ).toEqual([{ url: hookUrl(), types: SELECTED_TYPES, c: [campaignA] }]);
      expect(apiRequests.filter((r) => r.startsWith('POST /api/subscriptions'))).toHaveLength(1);

      // Instantly → our intake; the review step: the user launches the n8n-made draft in Instantly.
      const registered = await stack.request('POST', '/api/instantly/webhooks');
      expect(registered.status).toBe(201);
      expect(registered.body.test).toMatchObject({ success: true });
      await instantly().activateCampaign(instantlyA);

      t = Date.now();
      const [truthA, truthB] = await Promise.all([
        stack.sim.runCampaign(instantlyA, { ...STORY, seed: 7 }),
        stack.sim.runCampaign(instantlyB, { ...STORY, seed: 8, openRate: 0.5, replyRate: 0.3 }),
      ]);
      await Promise.all([engagementDone(instantlyA), engagementDone(instantlyB)]);
      timings.push(
        `(2a) stories played (A ${truthA.totals.eventsTotal} + B ${truthB.totals.eventsTotal} events) and settled: ${seconds(t)}`,
      );

      const expectedA = await matchingEventIds([exportA1]);
      const bySource = await stack.db.prisma.instantlyEvent.groupBy({
        by: ['source', 'eventType'],
        _count: true,
        where: { source: { not: 'webhook' } },
      });
      timings.push(
        `(2a) events not from webhooks (poll rows are stored, never delivered): ${JSON.stringify(bySource)}`,
      );
      // Sanity: the story really produced selected events for both campaigns, and unselected ones too.
      expect(expectedA.length).toBeGreaterThan(20);
      expect((await matchingEventIds([exportB])).length).toBeGreaterThan(20);
      expect(truthA.totals.events['email_sent']).toBeGreaterThan(LEADS);
      t = Date.now();
      const items = await settleExecutions(expectedA.length);
      timings.push(`(2a) ${items.length} n8n executions finished: ${seconds(t)}`);
      const ids = items.map((i) => i.id as string);
      expect(ids.length).toBe(new Set(ids).size); // no event twice
      expect([...ids].sort()).toEqual(expectedA); // every selected event of A, nothing more
      for (const item of items) {
        expect(SELECTED_TYPES).toContain(item.type);
        expect(item).toMatchObject({
          campaignId: campaignA,
          exportId: exportA1,
          instantlyCampaignId: instantlyA,
        });
      }
      // The story's replies of A are all there, with their text.
      const repliesA = Object.values(truthA.leads).filter((l) => l.repliedAt !== null);
      expect(
        items
          .filter((i) => i.type === 'reply_received')
          .map((i) => i.leadEmail)
          .sort(),
      ).toEqual(repliesA.map((l) => l.email).sort());
      // The ledger agrees: one delivery per (subscription, event), none for B or for unselected types.
      const deliveries = await stack.db.prisma.eventDelivery.findMany({ include: { event: true } });
      expect(deliveries.map((d) => d.event.dedupeKey).sort()).toEqual(expectedA);
    }, 360_000);

    it('(2b) deactivate + re-activate, replayed duplicates and a new play: still exactly once', async () => {
      expect(exportA1).toBeDefined(); // (2a) ran
      let t = Date.now();
      const before = await triggered();
      const [oldSub] = await subscriptions();

      await api.deactivate(TRIGGER_WF);
      // n8n 2.41 runs the trigger's delete hook after the deactivate call has answered (2.8.4 before): wait for
      // the subscription to go, then require that it is gone.
      await waitUntil(
        'subscription deleted by the deactivated trigger',
        async () => (await subscriptions()).length === 0,
      );
      expect(await subscriptions()).toEqual([]);
      await api.activate(TRIGGER_WF);
      await waitUntil('trigger webhook and subscription registered again', triggerLive);
      const subs = await subscriptions();
      expect(subs).toHaveLength(1);
      expect(subs[0]!.id).not.toBe(oldSub!.id);
      // the signing secret is stored sealed now: a new secret means a new sealed value (and no clear one)
      expect(subs[0]!.secretSealed).toEqual(expect.any(String));
      expect(subs[0]!.secretSealed).not.toBe(oldSub!.secretSealed);
      expect(subs[0]!.secret).toBeNull();
      expect(subs[0]).toMatchObject({ targetUrl: hookUrl(), campaignIds: [campaignA] });
      timings.push(`(2b) deactivate + re-activate: ${seconds(t)}`);

      // Instantly re-sends every webhook it ever delivered for A and B, each twice.
      t = Date.now();
      const ws = stack.sim.state.workspace(stack.apiKey);
      const seen = new Map<string, WebhookPayload>();
      for (const d of ws.deliveries) {
        if (d.success && (d.campaign_id === instantlyA || d.campaign_id === instantlyB))
          seen.set(JSON.stringify(d.payload), d.payload);
      }
      const replay = await stack.sim.deliver([...seen.values()], { duplicates: true, concurrency: 8 });
      expect(replay).toMatchObject({ jobs: seen.size * 2, delivered: seen.size * 2, failed: 0 });
      await new Promise((r) => setTimeout(r, 2000)); // time for any (wrong) signal → apply → delivery
      expect(await stack.db.prisma.eventDelivery.count()).toBe(0); // new subscription: nothing re-delivered
      expect(await api.listExecutions(TRIGGER_WF)).toHaveLength(before.length);
      timings.push(`(2b) replayed ${seen.size} payloads twice: ${seconds(t)}`);

      // More businesses join campaign A and A is exported again: a new Instantly campaign with only the new
      // leads (the 300 already in a campaign are skipped), same campaign id → it matches the trigger. It plays.
      t = Date.now();
      const added = await stack.request('POST', `/api/campaigns/${campaignA}/businesses`, {
        businesses: makeBusinesses(ROUND2_LEADS, 'late').map((b) => ({
          ...toBusinessInput(b),
          first_name: 'Sam',
        })),
      });
      expect(added.body).toEqual({ campaignId: campaignA, added: ROUND2_LEADS });
      const instantlyA2 = await exportActive(campaignA, 'Bakeries outreach, round 2');
      const exportA2 = await exportIdOf(instantlyA2);
      expect(stack.sim.state.workspace(stack.apiKey).leadsOfCampaign(instantlyA2)).toHaveLength(ROUND2_LEADS);
      const truthA2 = await stack.sim.runCampaign(instantlyA2, { ...STORY, seed: 9 });
      await engagementDone(instantlyA2);
      const expectedA2 = await matchingEventIds([exportA2]);
      expect(expectedA2.length).toBeGreaterThan(20);
      const items = await settleExecutions(before.length + expectedA2.length);
      timings.push(
        `(2b) export A2 + story (${truthA2.totals.eventsTotal} events) + ${expectedA2.length} executions: ${seconds(t)}`,
      );
      const ids = items.map((i) => i.id as string);
      expect(ids.length).toBe(new Set(ids).size);
      expect([...ids].sort()).toEqual(await matchingEventIds([exportA1, exportA2]));
      const fresh = items.filter((i) => i.exportId === exportA2);
      expect(fresh.map((i) => i.id as string).sort()).toEqual(expectedA2);
      for (const item of fresh)
        expect(item).toMatchObject({ campaignId: campaignA, instantlyCampaignId: instantlyA2 });
      // Only the new subscription delivered, each A2 event once.
      const deliveries = await stack.db.prisma.eventDelivery.findMany({ include: { event: true } });
      expect(deliveries.every((d) => d.subscriptionId === subs[0]!.id)).toBe(true);
      expect(deliveries.map((d) => d.event.dedupeKey).sort()).toEqual(expectedA2);
      expect(
        await stack.db.prisma.instantlyEvent.count({ where: { exportId: exportB, appliedAt: null } }),
      ).toBe(0);
    }, 360_000);

    // ---- (3) n8n offers the node as an AI-agent tool ---------------------------------------------------------

    it('(3) the running n8n offers "Instantly Bridge Tool" (ai_tool output) and no tool variant of the trigger', async () => {
      expect(api).toBeDefined(); // (2a) started n8n and set up the owner
      // What the editor loads to build its node panel (the AI Agent's "Tool" list is the ai_tool-output types).
      const types =
        await api.editorGet<
          Array<{ name: string; displayName: string; outputs: unknown; codex?: { categories?: string[] } }>
        >('/types/nodes.json');
      const ours = types.filter((t) => t.name.startsWith('n8n-nodes-instantly-bridge.'));
      expect(ours.map((t) => t.name).sort()).toEqual(
        [ACTION_NODE_TYPE, TOOL_NODE_TYPE, TRIGGER_NODE_TYPE].sort(),
      );
      const tool = ours.find((t) => t.name === TOOL_NODE_TYPE)!;
      expect(tool.displayName).toBe('Instantly Bridge Tool');
      expect(tool.outputs).toEqual(['ai_tool']);
      expect(tool.codex?.categories).toContain('AI');
    }, 120_000);
  },
);

import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import request from 'supertest';
import { createApp } from '../../api/app';
import { engagementWorkflowId } from '../../contracts/workflow-ids';
import { campaignEngagementWorkflow } from '../../workflows/engagement';
import { createLogger } from '../../lib/logger';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testClient, testDeps, uniqueQueue } from '../helpers/temporal';
import { seedCampaign } from '../helpers/seed';

const SECRET = 'intake-webhook-secret-0123456789';

describe('engagement: webhook intake (real PostgreSQL, real Temporal)', () => {
  let db: TestDatabase;
  let temporal: Client;
  const taskQueue = uniqueQueue('intake'); // no worker: started workflows just wait; terminated in afterAll
  const instantlyCampaignId = randomUUID();
  let exportId: string;
  const started = new Set<string>();

  const appWith = (overrides: Partial<Client['workflow']> = {}, env: Record<string, string> = {}) => {
    const deps = testDeps(db.prisma, {
      WEBHOOK_SECRET: SECRET,
      TEMPORAL_TASK_QUEUE: taskQueue,
      WEBHOOK_BODY_LIMIT: '16kb',
      ...env,
    });
    const fake = {
      ...temporal,
      workflow: Object.assign(Object.create(temporal.workflow) as Client['workflow'], overrides),
    };
    return createApp({ ...deps, temporal: fake as Client, logger: createLogger({ level: 'silent' }) });
  };
  const post = (app: ReturnType<typeof appWith>, body: unknown, secret: string | null = SECRET) => {
    const r = request(app).post('/api/webhooks/instantly').set('content-type', 'application/json');
    if (secret !== null) r.set('x-webhook-secret', secret);
    return r.send(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const count = () => db.prisma.instantlyEvent.count();
  const payload = (over: Record<string, unknown> = {}) => ({
    timestamp: '2026-03-02T10:00:00.000Z',
    event_type: 'email_opened',
    workspace: randomUUID(),
    campaign_id: instantlyCampaignId,
    lead_email: 'Lead.One@Example.com',
    step: 1,
    variant: 2,
    email_id: randomUUID(),
    firstName: 'Lead',
    ...over,
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    temporal = await testClient();
    const { campaignId, organizationId } = await seedCampaign(db.prisma, {
      businesses: [{ name: 'One', email: 'lead.one@example.com' }],
    });
    exportId = randomUUID();
    await db.prisma.instantlyExport.create({
      data: {
        id: exportId,
        organizationId,
        campaignId,
        instantlyCampaignId,
        instantlyName: 'x',
        nameTag: exportId,
        workflowId: 'w',
        request: {},
        requestHash: 'h',
      },
    });
    const business = await db.prisma.business.findFirstOrThrow({ where: { campaignId } });
    await db.prisma.instantlyExportLead.create({
      data: { exportId, businessId: business.id, batchNo: 0, outcome: 'uploaded' },
    });
  });
  afterAll(async () => {
    for (const id of started)
      await temporal.workflow
        .getHandle(id)
        .terminate('test done')
        .catch(() => undefined);
    await temporal?.connection.close();
    await db?.drop();
  });

  it('(c) rejects a wrong or missing secret (401), malformed JSON or missing fields (400, naming the field) and oversized bodies (413), storing nothing', async () => {
    const app = appWith();
    expect((await post(app, payload(), 'wrong-secret-wrong-secret')).status).toBe(401);
    expect((await post(app, payload(), null)).status).toBe(401);
    const malformed = await post(app, '{"event_type": "email_opened", ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed_json');
    const noType = await post(app, { ...payload(), event_type: undefined });
    expect(noType.status).toBe(400);
    expect(noType.body.error.details).toEqual([expect.objectContaining({ path: 'body.event_type' })]);
    const noTime = await post(app, { ...payload(), timestamp: undefined });
    expect(noTime.status).toBe(400);
    expect(noTime.body.error.message).toContain('body.timestamp');
    expect((await post(app, { ...payload(), timestamp: 'yesterday' })).body.error.details[0].path).toBe(
      'body.timestamp',
    );
    expect((await post(app, [payload()])).status).toBe(400);
    const huge = await post(app, payload({ reply_text: 'x'.repeat(20_000) }));
    expect(huge.status).toBe(413);
    expect(await count()).toBe(0);
  });

  it('stores a matched event once, resolves export and business by lower-cased email, and signals only its id', async () => {
    const signals: unknown[] = [];
    const app = appWith({
      signalWithStart: ((type: unknown, opts: { workflowId: string }) => {
        signals.push({ type, ...opts });
        started.add(opts.workflowId);
        return temporal.workflow.signalWithStart(type as string, opts as never);
      }) as Client['workflow']['signalWithStart'],
    });
    const body = payload();
    const first = await post(app, body);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      ok: true,
      id: expect.any(String),
      duplicate: false,
      matched: true,
      handoff: 'done',
    });
    const again = await post(app, body);
    expect(again.body).toEqual({
      ok: true,
      id: first.body.id,
      duplicate: true,
      matched: true,
      handoff: 'done',
    });
    expect(await count()).toBe(1);
    const row = await db.prisma.instantlyEvent.findFirstOrThrow();
    expect(row).toMatchObject({
      exportId,
      leadEmail: 'lead.one@example.com',
      step: 1,
      variant: 2,
      knownType: true,
      unmatched: false,
      source: 'webhook',
      appliedAt: null,
    });
    expect(row.businessId).not.toBeNull();
    expect(row.payload).toEqual(body); // kept exactly as it arrived, unknown keys included
    expect(signals).toHaveLength(2);
    expect(signals[0]).toMatchObject({
      type: campaignEngagementWorkflow,
      workflowId: engagementWorkflowId(instantlyCampaignId),
      taskQueue,
      signalArgs: [{ eventIds: [first.body.id] }],
      args: [{ instantlyCampaignId, exportId, pollIntervalMs: 3_600_000 }],
    });
    // Nothing personal goes to Temporal: only the id and the campaign/export ids.
    expect(JSON.stringify(signals)).not.toMatch(/example\.com|Lead/);
  });

  it('stores unknown campaigns (unmatched, not signalled) and custom labels (known_type = false) instead of rejecting them', async () => {
    const signalWithStart = jest.fn();
    const app = appWith({ signalWithStart });
    const unmatched = await post(app, payload({ campaign_id: randomUUID(), event_type: 'reply_received' }));
    expect(unmatched.body).toMatchObject({ ok: true, matched: false, handoff: 'none' });
    const label = await post(
      app,
      payload({ campaign_id: randomUUID(), event_type: 'Warm - call back in Q3' }),
    );
    expect(label.status).toBe(200);
    const noCampaign = await post(app, { timestamp: '2026-03-02T10:00:00Z', event_type: 'account_error' });
    expect(noCampaign.body.matched).toBe(false);
    expect(signalWithStart).not.toHaveBeenCalled();
    const rows = await db.prisma.instantlyEvent.findMany({
      where: { unmatched: true },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((r) => [r.eventType, r.knownType, r.exportId])).toEqual([
      ['reply_received', true, null],
      ['Warm - call back in Q3', false, null],
      ['account_error', true, null],
    ]);
  });

  it('answers 200 after WEBHOOK_HANDOFF_WAIT when the hand-off is slow (a closing workflow), and finishes it in the background', async () => {
    let finished = false;
    const slow = appWith(
      {
        signalWithStart: (async (type: string, opts: { workflowId: string }) => {
          await new Promise((r) => setTimeout(r, 1_500)); // what a workflow that is continuing-as-new does
          const handle = await temporal.workflow.signalWithStart(type, opts as never);
          started.add(opts.workflowId);
          finished = true;
          return handle;
        }) as Client['workflow']['signalWithStart'],
      },
      { WEBHOOK_HANDOFF_WAIT: '200ms' },
    );
    const t0 = Date.now();
    const res = await post(slow, payload({ event_type: 'email_sent', email_id: randomUUID() }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, matched: true, handoff: 'pending' });
    expect(Date.now() - t0).toBeLessThan(1_400);
    expect(await db.prisma.instantlyEvent.count({ where: { id: BigInt(res.body.id) } })).toBe(1);
    const deadline = Date.now() + 10_000;
    while (!finished && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(finished).toBe(true);
  });

  it('answers 503 when the hand-off to Temporal fails, keeping the row, and 200 with the same id on the retry', async () => {
    const broken = appWith({
      signalWithStart: (async () => {
        throw new Error('temporal is down');
      }) as Client['workflow']['signalWithStart'],
    });
    const body = payload({ event_type: 'link_clicked', email_id: randomUUID() });
    const failed = await post(broken, body);
    expect(failed.status).toBe(503);
    expect(failed.body.error.code).toBe('handoff_failed');
    const stored = await db.prisma.instantlyEvent.findMany({ where: { eventType: 'link_clicked' } });
    expect(stored).toHaveLength(1);
    const healthy = appWith({
      signalWithStart: ((type: string, opts: { workflowId: string }) => {
        started.add(opts.workflowId);
        return temporal.workflow.signalWithStart(type, opts as never);
      }) as Client['workflow']['signalWithStart'],
    });
    const retried = await post(healthy, body);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: String(stored[0]!.id), duplicate: true });
  });
});

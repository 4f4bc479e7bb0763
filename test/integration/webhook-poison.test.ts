import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { repairFromDeliveryLog } from '../../activities/engagement-repair';
import { createApp } from '../../api/app';
import { groupCommit } from '../../api/services/group-commit';
import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import { instantlyWebhookSchema } from '../../contracts/schemas/instantly-webhook';
import { engagementWorkflowId } from '../../contracts/workflow-ids';
import { ingestEvents, type IngestInput, type IngestedEvent } from '../../db/events';
import type { InstantlyClient } from '../../lib/instantly';
import { createLogger } from '../../lib/logger';
import { closeServer } from '../helpers/close-server';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { seedCampaign } from '../helpers/seed';
import { testClient, testDeps, uniqueQueue } from '../helpers/temporal';

const SECRET = 'poison-webhook-secret-0123456789';

/** A poison delivery and what must become of it (per docs/security.md: 400, or stored with U+FFFD). */
interface Poison {
  name: string;
  /** The raw JSON text sent (some poisons cannot be built with JSON.stringify). */
  body: (valid: Record<string, unknown>) => string;
  expect: { status: 400; path: string } | { status: 200; stored: (p: Record<string, unknown>) => void };
}

const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

const POISONS: Poison[] = [
  {
    name: 'NUL byte in the reply text',
    body: (v) => JSON.stringify({ ...v, reply_text: 'hello\u0000world' }),
    expect: { status: 200, stored: (p) => expect(p.reply_text).toBe('hello\ufffdworld') },
  },
  {
    name: 'NUL byte in a key and in event_type',
    body: (v) => JSON.stringify({ ...v, event_type: 'email\u0000opened', 'lbl\u0000': 'x' }),
    expect: {
      status: 200,
      stored: (p) => {
        expect(p.event_type).toBe('email\ufffdopened');
        expect(p['lbl\ufffd']).toBe('x');
      },
    },
  },
  {
    name: 'lone UTF-16 surrogates (high and low)',
    body: (v) => JSON.stringify(v).replace(/}$/, ',"reply_text":"a\\ud800b\\udc00c","ok":"\\ud83d\\ude00"}'),
    expect: {
      status: 200,
      stored: (p) => {
        expect(p.reply_text).toBe('a\ufffdb\ufffdc');
        expect(p.ok).toBe('\u{1F600}');
      },
    },
  },
  {
    name: 'timestamp before PostgreSQL range (-271821)',
    body: (v) => JSON.stringify({ ...v, timestamp: '-271821-04-20T00:00:00.000Z' }),
    expect: { status: 400, path: 'body.timestamp' },
  },
  {
    name: 'timestamp JS can print but PostgreSQL cannot read (+275760)',
    body: (v) => JSON.stringify({ ...v, timestamp: '+275760-09-13T00:00:00.000Z' }),
    expect: { status: 400, path: 'body.timestamp' },
  },
  {
    name: '20,000-deep nesting',
    body: (v) => JSON.stringify(v).replace(/}$/, `,"x":${deep(20_000)}}`),
    expect: { status: 400, path: 'body' },
  },
];

describe('issue 10 item 3: one poison webhook among 30 valid ones (real PostgreSQL, real Temporal)', () => {
  let db: TestDatabase;
  let temporal: Client;
  let server: Server;
  let url: string;
  const taskQueue = uniqueQueue('poison'); // no worker: started workflows wait and are terminated in afterAll
  const instantlyCampaignId = randomUUID();
  const emails = Array.from({ length: 30 }, (_, i) => `lead${i}@poison.example.com`);

  beforeAll(async () => {
    db = await createTestDatabase();
    temporal = await testClient();
    const { campaignId, organizationId } = await seedCampaign(db.prisma, {
      businesses: emails.map((email, i) => ({ name: `B${i}`, email })),
    });
    const exportId = randomUUID();
    await db.prisma.instantlyExport.create({
      data: {
        ...{ id: exportId, organizationId, campaignId, instantlyCampaignId, instantlyName: 'x' },
        ...{ nameTag: exportId, workflowId: 'w', request: {}, requestHash: 'h' },
      },
    });
    const businesses = await db.prisma.business.findMany({ where: { campaignId } });
    await db.prisma.instantlyExportLead.createMany({
      data: businesses.map((b) => ({ exportId, businessId: b.id, batchNo: 0, outcome: 'uploaded' })),
    });
    const deps = testDeps(db.prisma, { WEBHOOK_SECRET: SECRET, TEMPORAL_TASK_QUEUE: taskQueue });
    const app = createApp({ ...deps, temporal, logger: createLogger({ level: 'silent' }) });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/instantly`;
  });
  afterAll(async () => {
    if (server) await closeServer(server);
    await temporal?.workflow
      .getHandle(engagementWorkflowId(instantlyCampaignId))
      .terminate('test done')
      .catch(() => undefined);
    await temporal?.connection.close();
    await db?.drop();
  });

  const post = async (body: string) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-webhook-secret': SECRET },
      body,
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const valid = (emailId: string, i: number) => ({
    timestamp: '2026-03-02T10:00:00.000Z',
    event_type: 'email_opened',
    campaign_id: instantlyCampaignId,
    lead_email: emails[i]!,
    step: 1,
    variant: 0,
    email_id: emailId,
  });

  it.each(POISONS)('$name: the 30 valid deliveries are stored and answered 2xx', async (poison) => {
    const batch = randomUUID();
    const ids = emails.map((_, i) => `${batch}-${i}`);
    const poisonId = `${batch}-poison`;
    const answers = await Promise.all([
      ...ids.map((id, i) => post(JSON.stringify(valid(id, i)))),
      post(poison.body(valid(poisonId, 0))),
    ]);
    const poisoned = answers.pop()!;
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200));
    const stored = await db.prisma.instantlyEvent.findMany({ where: { emailId: { in: ids } } });
    expect(stored).toHaveLength(30);
    expect(new Set(stored.map((e) => e.exportId)).size).toBe(1);
    expect(poisoned.status).toBe(poison.expect.status);
    const kept = await db.prisma.instantlyEvent.findMany({ where: { emailId: poisonId } });
    if (poison.expect.status === 400) {
      expect(poisoned.body.error.code).toBe('validation_failed');
      expect(poisoned.body.error.details.map((d: { path: string }) => d.path)).toContain(poison.expect.path);
      expect(kept).toHaveLength(0);
    } else {
      expect(kept).toHaveLength(1);
      poison.expect.stored(kept[0]!.payload as Record<string, unknown>);
      // Instantly retries; the normalised retry is the same event (same dedupe key), not a second one.
      const again = await post(poison.body(valid(poisonId, 0)));
      expect(again.body).toMatchObject({ ok: true, id: poisoned.body.id, duplicate: true });
    }
  });

  it('a group commit whose batch fails retries its members one by one: only the poison member fails', async () => {
    let batches = 0;
    const inserts = groupCommit<IngestInput, IngestedEvent>(
      (items) => {
        batches += 1;
        return ingestEvents(db.prisma, items);
      },
      { lingerMs: 20 },
    );
    const input = (emailId: string, over: Record<string, unknown> = {}): IngestInput => {
      const raw = { ...valid(emailId, 0), ...over };
      return {
        organizationId: DEFAULT_ORGANIZATION_ID,
        raw,
        parsed: instantlyWebhookSchema.parse(valid(emailId, 0)),
        source: 'webhook',
      };
    };
    const ids = Array.from({ length: 30 }, () => randomUUID());
    // Bypasses validation on purpose: whatever PostgreSQL refuses in one member must not fail the others.
    const results = await Promise.allSettled([
      ...ids.map((id) => inserts.run(input(id))),
      inserts.run(input(randomUUID(), { reply_text: 'bad\u0000' })),
    ]);
    const poison = results.pop()!;
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 'fulfilled'));
    expect(poison.status).toBe('rejected');
    expect(await db.prisma.instantlyEvent.count({ where: { emailId: { in: ids } } })).toBe(30);
    expect(batches).toBe(1 + 31); // the failed group, then each member alone
  });

  it('the delivery-log repair applies the same rules: a poison entry neither fails the pass nor is stored raw', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const payloads = [
      { ...valid(ids[0]!, 1), reply_text: 'nul\u0000' },
      { ...valid(ids[1]!, 2), timestamp: '+275760-09-13T00:00:00.000Z' },
      { ...valid(ids[2]!, 3), x: JSON.parse(deep(20_000)) as unknown },
      valid(ids[3]!, 4),
    ];
    // Only Instantly is simulated: a client whose delivery log holds these entries.
    const client = {
      async *iterateWebhookEvents() {
        for (const payload of payloads) yield { payload };
      },
    } as unknown as InstantlyClient;
    const found = await repairFromDeliveryLog(db.prisma, client, {
      organizationId: DEFAULT_ORGANIZATION_ID,
      instantlyCampaignId,
      since: new Date('2026-01-01T00:00:00Z'),
    });
    expect(found.inserted).toBe(2);
    const stored = await db.prisma.instantlyEvent.findMany({ where: { emailId: { in: ids } } });
    expect(stored.map((e) => [e.emailId, e.source]).sort()).toEqual(
      [
        [ids[0], 'delivery_log'],
        [ids[3], 'delivery_log'],
      ].sort(),
    );
    expect(stored.find((e) => e.emailId === ids[0])!.payload).toMatchObject({ reply_text: 'nul\ufffd' });
  });
});

import type { Client } from '@temporalio/client';
import fc from 'fast-check';
import request from 'supertest';
import { createApp } from '../../api/app';
import { createLogger } from '../../lib/logger';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { anyText, namedPaths, normalised, normalisedJson } from '../helpers/pg-oracle';
import { seedCampaign } from '../helpers/seed';
import { testClient, testDeps, uniqueQueue } from '../helpers/temporal';

const TOKEN = 'hardening-api-token-0123456789';
const SECRET = 'hardening-webhook-secret-0123456789';
const MIN_MS = -62_135_596_800_000; // 0001-01-01
const MAX_MS = 253_402_300_799_999; // 9999-12-31T23:59:59.999

describe('issue 10 items 3, 4: what the audit sent gets a 400 naming the field, never a 500 (real PostgreSQL)', () => {
  let db: TestDatabase;
  let temporal: Client;
  let app: ReturnType<typeof createApp>;
  let campaignId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    temporal = await testClient();
    const deps = testDeps(db.prisma, {
      API_TOKEN: TOKEN,
      WEBHOOK_SECRET: SECRET,
      TEMPORAL_TASK_QUEUE: uniqueQueue('hardening'),
    });
    app = createApp({ ...deps, temporal, logger: createLogger({ level: 'silent' }) });
    ({ campaignId } = await seedCampaign(db.prisma, {
      businesses: [{ name: 'A', email: 'a@x.example.com' }],
    }));
  });
  afterAll(async () => {
    await temporal?.connection.close();
    await db?.drop();
  });

  const send = (method: 'get' | 'post' | 'put', path: string, body?: unknown) => {
    const r = request(app)[method](path).set('authorization', `Bearer ${TOKEN}`);
    if (body === undefined) return r;
    return r
      .set('content-type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const exportBody = (over: Record<string, unknown>) => ({
    campaignName: 'Spring',
    schedule: { timezone: 'America/Anchorage', from: '09:00', to: '17:00', days: ['mon'] },
    sequence: [{ subject: 'Hi', body: 'Hello', delayDays: 0 }],
    ...over,
  });

  it.each([
    ['post', '/api/campaigns', { name: 'a\u0000b' }, 'body.name'],
    ['post', '/api/campaigns', { name: 'ok', keywords: '\udc00' }, 'body.keywords'],
    ['post', '/api/campaigns', { name: 'ok', businesses: [{ name: 'x\ud800' }] }, 'body.businesses.0.name'],
    [
      'post',
      '/api/campaigns',
      { name: 'ok', businesses: [{ name: 'x', email: 'a\u0000@b.c' }] },
      'body.businesses.0.email',
    ],
    [
      'post',
      '/api/campaigns',
      { name: 'ok', businesses: [{ name: 'x', reviews_count: 2147483648 }] },
      'body.businesses.0.reviews_count',
    ],
    ['post', 'EXPORT', exportBody({ campaignName: 'x\u0000' }), 'body.campaignName'],
    ['post', 'EXPORT', exportBody({ campaignName: '\ud83d' }), 'body.campaignName'],
    [
      'post',
      'EXPORT',
      exportBody({ sequence: [{ subject: 'Hi', body: 'a\u0000', delayDays: 0 }] }),
      'body.sequence.0.body',
    ],
    ['post', 'EXPORT', exportBody({ variableDefaults: { city: 'x\udfff' } }), 'body.variableDefaults.city'],
    [
      'post',
      '/api/subscriptions',
      { targetUrl: 'https://h.example.com/a', eventTypes: ['a\u0000'] },
      'body.eventTypes.0',
    ],
    [
      'post',
      '/api/subscriptions',
      { targetUrl: 'https://h.example.com/b', eventTypes: ['\ud800'] },
      'body.eventTypes.0',
    ],
    ['put', '/api/settings/instantly', { apiKey: 'abcdefgh\u0000' }, 'body.apiKey'],
    ['put', '/api/settings/instantly', { apiKey: 'abcdefgh\ud800' }, 'body.apiKey'],
    ['get', 'EVENTS?cursor=9223372036854775808', undefined, 'query.cursor'],
    ['get', 'REPLIES?cursor=9223372036854775808', undefined, 'query.cursor'],
    ['get', 'EVENTS?type=a%00', undefined, 'query.type'],
    ['post', '/api/campaigns', `{"name":"x","k":${'['.repeat(20_000)}${']'.repeat(20_000)}}`, 'body'],
  ] as const)('%s %s (case %#) → 400 naming the field', async (method, where, body, path) => {
    const url = where
      .replace('EXPORT', `/api/campaigns/${campaignId}/export-to-instantly`)
      .replace('EVENTS', `/api/campaigns/${campaignId}/events`)
      .replace('REPLIES', `/api/campaigns/${campaignId}/replies`);
    const res = await send(method, url, body);
    expect(res.status).toBe(400);
    expect(namedPaths(res.body)).toEqual([path]);
    expect(await db.prisma.instantlyExport.count()).toBe(0);
  });

  it('webhook deliveries (fast-check): stored with NUL / lone surrogates as U+FFFD, or a 400 naming event_type, timestamp, email_id', async () => {
    const scalar = fc.oneof(anyText(30), fc.integer(), fc.boolean(), fc.constant(null));
    const extra = fc.dictionary(anyText(12), fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })), {
      maxKeys: 4,
    });
    const timestamp = fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc
        .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc.constantFrom(
        '-271821-04-20T00:00:00.000Z',
        '+275760-09-13T00:00:00.000Z',
        '0000-12-31T23:59:59.999Z',
      ),
      anyText(64),
    );
    const delivery = fc.record({
      extra,
      event_type: anyText(200),
      timestamp,
      email_id: anyText(200),
      campaign_id: fc.uuid(),
    });
    await fc.assert(
      fc.asyncProperty(delivery, async ({ extra: more, ...fields }) => {
        const sent = JSON.stringify({ ...more, ...fields, lead_email: null });
        const type = normalised(fields.event_type);
        const time = normalised(fields.timestamp);
        const t = Date.parse(time);
        const bad = [
          ...(type.length <= 200 && type.trim() !== '' ? [] : ['body.event_type']),
          ...(time.length <= 64 && t >= MIN_MS && t <= MAX_MS ? [] : ['body.timestamp']),
          ...(fields.email_id.length <= 200 ? [] : ['body.email_id']),
        ];
        const res = await request(app)
          .post('/api/webhooks/instantly')
          .set({ 'content-type': 'application/json', 'x-webhook-secret': SECRET })
          .send(sent);
        if (bad.length > 0) {
          expect(res.status).toBe(400);
          expect(namedPaths(res.body)).toEqual(bad.sort());
          return;
        }
        expect(res.status).toBe(200);
        const row = await db.prisma.instantlyEvent.findUniqueOrThrow({ where: { id: BigInt(res.body.id) } });
        expect(row.payload).toEqual(normalisedJson(JSON.parse(sent)));
        expect(row.eventType).toBe(type.trim());
        expect(row.occurredAt.getTime()).toBe(t);
      }),
      { numRuns: 150 },
    );
  });
});

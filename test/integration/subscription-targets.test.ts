import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockActivityEnvironment } from '@temporalio/testing';
import request from 'supertest';
import { createEngagementActivities } from '../../activities/engagement';
import { deliverEvents } from '../../activities/engagement-deliver';
import { createApp } from '../../api/app';
import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import { decryptSecret } from '../../lib/crypto';
import { createLogger } from '../../lib/logger';
import type { HostResolver } from '../../lib/outbound/target';
import { verify } from '../../lib/standard-webhooks';
import { subscriptionSecretAad } from '../../lib/subscription-secret';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { seedAppliedEvent } from '../helpers/seed-event';
import { testDeps } from '../helpers/temporal';

const TOKEN = 'subscription-targets-token-0123';
const PUBLIC = [{ address: '93.184.216.34', family: 4 }];

// Registration (through the HTTP API on a real database) and delivery (the activity code) of subscriptions
// whose targets the service must not reach: issue 10 item 6.
describe('subscription targets, cap, pagination and sealed secrets', () => {
  let db: TestDatabase;
  let dns: HostResolver = async () => PUBLIC;
  let server: Server;
  let port = 0;
  const received: { headers: Record<string, string>; body: string }[] = [];
  const env = { API_TOKEN: TOKEN, SUBSCRIPTION_ALLOW_PRIVATE_TARGETS: 'false', SUBSCRIPTION_LIMIT: '4' };
  const deps = () => ({ ...testDeps(db.prisma, env), resolveHost: (h: string) => dns(h) });
  const api = () =>
    request(createApp({ ...deps(), temporal: {} as never, logger: createLogger({ level: 'silent' }) }));
  const auth = { authorization: `Bearer ${TOKEN}` };

  beforeAll(async () => {
    db = await createTestDatabase();
    // api/main.ts creates the default organization on start-up.
    await db.prisma.organization.create({ data: { id: DEFAULT_ORGANIZATION_ID, name: 'Test org' } });
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers as Record<string, string>, body });
        const answer = () =>
          res.writeHead(req.url === '/fail' ? 503 : 204).end('upstream says: internal-detail-xyz');
        if (req.url === '/slow') setTimeout(answer, 500);
        else answer();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await db?.drop();
  });
  beforeEach(async () => {
    dns = async () => PUBLIC;
    received.length = 0;
    await db.prisma.eventSubscription.deleteMany();
  });

  it.each([
    'http://127.0.0.1:5432/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/',
    'http://metadata.google.internal/',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://[::ffff:127.0.0.1]/',
    'http://0/',
    'http://user:pass@hooks.example.com/',
    'http://10.1.2.3/',
    'http://100.64.1.1/',
  ])('POST /subscriptions refuses %s with 400 naming body.targetUrl', async (targetUrl) => {
    const res = await api().post('/api/subscriptions').set(auth).send({ targetUrl });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'body.targetUrl', message: expect.any(String) }]);
    expect(await db.prisma.eventSubscription.count()).toBe(0);
  });

  it('refuses a name that resolves to an internal address at registration', async () => {
    dns = async () => [{ address: '10.0.0.7', family: 4 }];
    const res = await api()
      .post('/api/subscriptions')
      .set(auth)
      .send({ targetUrl: 'https://hooks.example.com/h' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toEqual({
      path: 'body.targetUrl',
      message: 'must not point to a private address',
    });
  });

  it('stores the signing secret sealed, never in clear', async () => {
    const targetUrl = 'https://hooks.example.com/n8n';
    const res = await api().post('/api/subscriptions').set(auth).send({ targetUrl });
    expect(res.status).toBe(201);
    const row = await db.prisma.eventSubscription.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.secret).toBeNull();
    expect(row.secretSealed).not.toContain(res.body.secret.slice(6));
    const key = deps().env.SETTINGS_ENCRYPTION_KEY;
    expect(decryptSecret(row.secretSealed!, key, subscriptionSecretAad(row.organizationId, targetUrl))).toBe(
      res.body.secret,
    );
  });

  it('caps subscriptions per organization (409 for a new target) and pages the list', async () => {
    const urls = [1, 2, 3, 4].map((i) => `https://hooks${i}.example.com/h`);
    for (const targetUrl of urls) {
      expect((await api().post('/api/subscriptions').set(auth).send({ targetUrl })).status).toBe(201);
    }
    const over = await api()
      .post('/api/subscriptions')
      .set(auth)
      .send({ targetUrl: 'https://five.example.com/' });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('subscription_limit_reached');
    // Re-registering an existing target (n8n re-activation) still works at the cap.
    expect((await api().post('/api/subscriptions').set(auth).send({ targetUrl: urls[0] })).status).toBe(200);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: Record<string, string | number> = cursor ? { limit: 3, cursor } : { limit: 3 };
      const page = await api().get('/api/subscriptions').query(q).set(auth);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((s: { targetUrl: string }) => s.targetUrl));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual(urls);
    const bad = await api().get('/api/subscriptions').query({ cursor: 'x_y', limit: 101 }).set(auth);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'query.cursor',
      'query.limit',
    ]);
  });

  it('refuses at delivery a name that re-resolved to 127.0.0.1 (DNS rebinding); the error names the subscription', async () => {
    const targetUrl = `http://rebind.example:${port}/hook`;
    const sub = await api().post('/api/subscriptions').set(auth).send({ targetUrl });
    expect(sub.status).toBe(201); // registration saw a public address
    const eventId = await seedAppliedEvent(db.prisma);
    dns = async () => [{ address: '127.0.0.1', family: 4 }];
    const settings = {
      policy: 'none' as const,
      encryptionKey: deps().env.SETTINGS_ENCRYPTION_KEY,
      resolve: dns,
    };
    const refused = await deliverEvents(db.prisma, [eventId], settings);
    expect(refused).toEqual({
      delivered: 0,
      skipped: 0,
      failed: 1,
      inFlightElsewhere: 0,
      firstError: `subscription ${sub.body.id}: target refused: must not point to a loopback address`,
    });
    expect(received).toHaveLength(0);
    // Control: the same pass with loopback allowed connects to the checked address and signs with the secret.
    const ok = await deliverEvents(db.prisma, [eventId], { ...settings, policy: 'loopback' });
    expect(ok).toMatchObject({ delivered: 1, failed: 0 });
    expect(() => verify(sub.body.secret, received[0]!.headers, received[0]!.body)).not.toThrow();
  });

  it('re-seals a legacy clear secret on first delivery and signs with it', async () => {
    const sub = await api()
      .post('/api/subscriptions')
      .set(auth)
      .send({ targetUrl: `http://legacy.example:${port}/h` });
    const legacy = 'whsec_' + Buffer.alloc(24, 7).toString('base64');
    await db.prisma.eventSubscription.update({
      where: { id: sub.body.id },
      data: { secret: legacy, secretSealed: null },
    });
    const eventId = await seedAppliedEvent(db.prisma);
    const settings = {
      policy: 'loopback' as const,
      encryptionKey: deps().env.SETTINGS_ENCRYPTION_KEY,
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    };
    expect(await deliverEvents(db.prisma, [eventId], settings)).toMatchObject({ delivered: 1 });
    expect(() => verify(legacy, received[0]!.headers, received[0]!.body)).not.toThrow();
    const row = await db.prisma.eventSubscription.findUniqueOrThrow({ where: { id: sub.body.id } });
    expect(row.secret).toBeNull();
    expect(
      decryptSecret(
        row.secretSealed!,
        settings.encryptionKey,
        subscriptionSecretAad(row.organizationId, row.targetUrl),
      ),
    ).toBe(legacy);
  });

  it('the activity failure (stored in history) names the subscription, never the remote answer', async () => {
    const sub = await api()
      .post('/api/subscriptions')
      .set(auth)
      .send({ targetUrl: `http://fails.example:${port}/fail` });
    const eventId = await seedAppliedEvent(db.prisma);
    const activities = createEngagementActivities({
      ...testDeps(db.prisma, { ...env, SUBSCRIPTION_ALLOW_PRIVATE_TARGETS: 'loopback' }),
      resolveHost: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    const failure = await new MockActivityEnvironment()
      .run((input: { eventIds: string[] }) => activities.deliverToSubscribers(input), { eventIds: [eventId] })
      .catch((e: unknown) => e as Error);
    expect(received).toHaveLength(1);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe(
      `1 deliveries failed (0 delivered); first: subscription ${sub.body.id}: HTTP 503`,
    );
    expect((failure as Error).message).not.toContain('internal-detail');
  });

  it('two activities delivering the same event at once POST it once (claims); an expired claim is taken over', async () => {
    const sub = await api()
      .post('/api/subscriptions')
      .set(auth)
      .send({ targetUrl: `http://slow.example:${port}/slow` });
    expect(sub.status).toBe(201);
    const settings = {
      policy: 'loopback' as const,
      encryptionKey: deps().env.SETTINGS_ENCRYPTION_KEY,
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    };
    const eventId = await seedAppliedEvent(db.prisma);
    // The workflow's delivery pool and a sync's sweep, at the same moment, for the same event.
    const [a, b] = await Promise.all([
      deliverEvents(db.prisma, [eventId], settings),
      deliverEvents(db.prisma, [eventId], settings),
    ]);
    expect(received).toHaveLength(1);
    expect([a.delivered + b.delivered, a.inFlightElsewhere + b.inFlightElsewhere]).toEqual([1, 1]);
    expect(await db.prisma.eventDeliveryClaim.count()).toBe(0); // released after the record
    expect(await deliverEvents(db.prisma, [eventId], settings)).toMatchObject({ delivered: 0, skipped: 1 });
    expect(received).toHaveLength(1);

    // While a claim is held, the activity fails retryably (it checks again later), and POSTs nothing.
    const held = await seedAppliedEvent(db.prisma);
    const claim = { subscriptionId: sub.body.id as string, eventId: BigInt(held) };
    await db.prisma.eventDeliveryClaim.create({
      data: { ...claim, claimedUntil: new Date(Date.now() + 60_000) },
    });
    const activities = createEngagementActivities({
      ...testDeps(db.prisma, { ...env, SUBSCRIPTION_ALLOW_PRIVATE_TARGETS: 'loopback' }),
      resolveHost: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    const deliver = () =>
      new MockActivityEnvironment().run(
        (input: { eventIds: string[] }) => activities.deliverToSubscribers(input),
        { eventIds: [held] },
      );
    const failure = await deliver().catch((e: unknown) => e as Error);
    expect((failure as Error).message).toBe('1 deliveries are in flight elsewhere (0 delivered)');
    expect(received).toHaveLength(1);
    // Its holder crashed: once the claim expired, the next attempt takes it over and delivers.
    await db.prisma.eventDeliveryClaim.updateMany({
      where: claim,
      data: { claimedUntil: new Date(Date.now() - 1) },
    });
    expect(await deliver()).toEqual({ delivered: 1, skipped: 0 });
    expect(received).toHaveLength(2);
  });
});

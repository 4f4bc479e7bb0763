import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { temporal as proto } from '@temporalio/proto';
import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import { exportWorkflowId } from '../../contracts/workflow-ids';
import { currentKeyId, decryptSecret, encryptSecret, secretKeyId } from '../../lib/crypto';
import { checkWebhookHealth, intakeUrl } from '../../lib/engagement/webhook-registration';
import { createInstantlyClient } from '../../lib/instantly';
import { openSubscriptionSecret, sealSubscriptionSecret } from '../../lib/subscription-secret';
import { exportBody, makeBusinesses } from '../fixtures/businesses';
import { seedCampaign } from '../helpers/seed';
import { spawnScript } from '../helpers/spawn-script';
import { startTestStack, waitForExport, type TestStack } from '../helpers/stack';

const OLD_KEY = randomBytes(32).toString('hex');
const NEW_KEY = randomBytes(32).toString('base64');
const FOREIGN_KEY = randomBytes(32).toString('hex'); // in no ring: as if SETTINGS_ENCRYPTION_KEY was replaced
const RING = `${NEW_KEY},${OLD_KEY}`;
const OLD_WEBHOOK_SECRET = `old-${randomBytes(16).toString('hex')}`;
const NEW_WEBHOOK_SECRET = `new-${randomBytes(16).toString('hex')}`;

/** A value in the pre-key-ring format (v1, no key id), exactly as the previous encryptSecret wrote it. */
function legacySeal(plain: string, hexKey: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(hexKey, 'hex'), iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', ...[iv, cipher.getAuthTag(), ct].map((p) => p.toString('base64url'))].join('.');
}

describe('secrets that rotate (issue 11 item 3) and readiness with/without a worker (item 2)', () => {
  let stack: TestStack;
  const storeKey = (organizationId: string, sealed: string, setAt = new Date()) =>
    stack.db.prisma.instantlySettings.upsert({
      where: { organizationId },
      create: { organizationId, apiKeyEncrypted: sealed, apiKeyLast4: 'abcd', apiKeySetAt: setAt },
      update: { apiKeyEncrypted: sealed, apiKeyLast4: 'abcd', apiKeySetAt: setAt },
    });

  beforeAll(async () => {
    stack = await startTestStack({
      name: 'secrets',
      worker: false,
      env: {
        SETTINGS_ENCRYPTION_KEYS: RING,
        WEBHOOK_SECRET: NEW_WEBHOOK_SECRET,
        WEBHOOK_SECRET_PREVIOUS: OLD_WEBHOOK_SECRET,
      },
    });
  });
  afterAll(async () => stack?.stop());

  it('/readyz says when no worker polls the task queue (503 with ?require=worker), and ok once one does', async () => {
    const res = await fetch(`${stack.apiUrl}/readyz`);
    const body = (await res.json()) as { status: string; checks: Record<string, string> };
    expect(res.status).toBe(200); // the API itself can serve (and store webhooks)
    expect(body.status).toBe('degraded');
    expect(body.checks.database).toBe('ok');
    expect(body.checks.worker).toMatch(new RegExp(`error: task queue ${stack.taskQueue}: no worker polls`));
    expect((await fetch(`${stack.apiUrl}/readyz?require=worker`)).status).toBe(503);
    await stack.startWorker();
    const deadline = Date.now() + 30_000;
    let last: { status: string; checks: Record<string, string> } = body;
    while (Date.now() < deadline) {
      last = (await (await fetch(`${stack.apiUrl}/readyz?require=worker`)).json()) as typeof last;
      if (last.checks.worker === 'ok') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(last).toEqual({ status: 'ready', checks: { database: 'ok', temporal: 'ok', worker: 'ok' } });
  });

  it('an undecryptable stored key: settings say not configured and what to do, the API answers 409, an export fails once, non-retryable', async () => {
    await storeKey(
      DEFAULT_ORGANIZATION_ID,
      encryptSecret('lost-key-1234', FOREIGN_KEY, DEFAULT_ORGANIZATION_ID),
    );
    const settings = await stack.request('GET', '/api/settings/instantly');
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({
      configured: false,
      source: 'organization',
      problem: { code: 'secret_undecryptable', message: expect.stringMatching(/SETTINGS_ENCRYPTION_KEYS/) },
    });
    expect(settings.body.problem.message).toMatch(/PUT \/api\/settings\/instantly/);
    const hook = await stack.request('POST', '/api/instantly/webhooks');
    expect(hook.status).toBe(409);
    expect(hook.body.error).toMatchObject({
      code: 'instantly_not_configured',
      message: expect.stringMatching(/SETTINGS_ENCRYPTION_KEYS/),
    });
    const { campaignId } = await seedCampaign(stack.db.prisma, { businesses: makeBusinesses(3) });
    const started = await stack.request(
      'POST',
      `/api/campaigns/${campaignId}/export-to-instantly`,
      exportBody(),
    );
    const done = await waitForExport(stack, started.body.exportId, 60_000);
    expect(done.status).toBe('failed');
    expect(done.result.error).toMatchObject({
      type: 'InstantlyNotConfigured',
      message: expect.stringMatching(/cannot be decrypted/),
    });
    // every activity ran once: the failure was not retried as if Instantly were down
    const history = await stack.temporal.workflow
      .getHandle(exportWorkflowId(started.body.exportId))
      .fetchHistory();
    const attempts = (history.events ?? [])
      .filter((e) => e.eventType === proto.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
      .map((e) => e.activityTaskStartedEventAttributes?.attempt);
    expect(attempts.length).toBeGreaterThan(0);
    expect(attempts.every((a) => a === 1)).toBe(true);
  });

  it('old-key and pre-ring (v1) values still work; npm run keys:rotate re-encrypts every stored secret with the current key', async () => {
    const otherOrg = randomUUID();
    const lostOrg = randomUUID();
    for (const id of [otherOrg, lostOrg])
      await stack.db.prisma.organization.create({ data: { id, name: `org ${id}` } });
    await storeKey(
      DEFAULT_ORGANIZATION_ID,
      encryptSecret('default-org-key', OLD_KEY, DEFAULT_ORGANIZATION_ID),
    );
    await storeKey(otherOrg, legacySeal('other-org-key', OLD_KEY, otherOrg));
    await storeKey(lostOrg, encryptSecret('lost-org-key', FOREIGN_KEY, lostOrg));
    // a subscription signing secret, sealed with the old key and bound to its (organization, target URL)
    const targetUrl = 'https://hooks.example.com/rotate';
    const subscription = await stack.db.prisma.eventSubscription.create({
      data: {
        organizationId: otherOrg,
        targetUrl,
        secretSealed: sealSubscriptionSecret(otherOrg, targetUrl, 'subscription-secret', OLD_KEY),
        eventTypes: [],
        campaignIds: [],
      },
    });
    // before rotation: the old key still opens the default organization's value
    expect((await stack.request('GET', '/api/settings/instantly')).body).toMatchObject({
      configured: true,
      problem: null,
    });
    const run = async () => {
      const proc = spawnScript('scripts/rotate-keys.ts', {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: stack.db.url,
        SETTINGS_ENCRYPTION_KEYS: RING,
        SETTINGS_ENCRYPTION_KEY: '',
      });
      return { code: await proc.exited, output: proc.output() };
    };
    const first = await run();
    expect(first.output).toContain('2 re-encrypted, 0 already current, 1 undecryptable');
    expect(first.output).toMatch(/event_subscriptions\.secret_sealed .*: 1 re-encrypted, 0 already current/);
    expect(first.output).not.toContain('subscription-secret');
    expect(first.output).toContain(lostOrg);
    expect(first.output).not.toContain('default-org-key');
    expect(first.code).toBe(1); // an undecryptable value is reported, not silently kept
    const rows = await stack.db.prisma.instantlySettings.findMany();
    const byOrg = new Map(rows.map((r) => [r.organizationId, r.apiKeyEncrypted!]));
    // the current key alone opens the rotated values
    expect(decryptSecret(byOrg.get(DEFAULT_ORGANIZATION_ID)!, NEW_KEY, DEFAULT_ORGANIZATION_ID)).toBe(
      'default-org-key',
    );
    expect(decryptSecret(byOrg.get(otherOrg)!, NEW_KEY, otherOrg)).toBe('other-org-key');
    expect(secretKeyId(byOrg.get(otherOrg)!)).toBe(currentKeyId(NEW_KEY));
    expect(secretKeyId(byOrg.get(lostOrg)!)).toBe(currentKeyId(FOREIGN_KEY)); // untouched
    const sealed = (
      await stack.db.prisma.eventSubscription.findUniqueOrThrow({ where: { id: subscription.id } })
    ).secretSealed!;
    expect(secretKeyId(sealed)).toBe(currentKeyId(NEW_KEY));
    expect(
      openSubscriptionSecret(
        { organization_id: otherOrg, target_url: targetUrl, secret: null, secret_sealed: sealed },
        NEW_KEY,
      ),
    ).toBe('subscription-secret');
    const second = await run();
    expect(second.output).toContain('0 re-encrypted, 2 already current, 1 undecryptable');
  }, 120_000);

  it('settings show the key age and warn after 90 days; a new key is used at once, without a restart', async () => {
    const days = 100;
    await storeKey(
      DEFAULT_ORGANIZATION_ID,
      encryptSecret('aged-key-1234', RING, DEFAULT_ORGANIZATION_ID),
      new Date(Date.now() - days * 86_400_000 - 60_000),
    );
    const aged = await stack.request('GET', '/api/settings/instantly');
    expect(aged.body).toMatchObject({ configured: true, apiKeyAgeDays: days, apiKeyMaxAgeDays: 90 });
    expect(aged.body.warnings).toEqual([expect.stringMatching(/100 days old \(rotate every 90 days\)/)]);
    const newKey = `fresh-key-${randomBytes(4).toString('hex')}`;
    const put = await stack.request('PUT', '/api/settings/instantly', { apiKey: newKey });
    expect(put.body).toMatchObject({
      configured: true,
      apiKeyAgeDays: 0,
      warnings: [],
      connection: { ok: true },
    });
    expect(put.body.keyChange).toMatch(/next Instantly call of every running export/);
    expect(stack.sim.requests.some((r) => r.headers.authorization === `Bearer ${newKey}`)).toBe(true);
  });

  it('WEBHOOK_SECRET rotation: the previous secret is accepted during the grace period, others are not; sync re-registers the header', async () => {
    const deliver = (secret: string) =>
      fetch(`${stack.apiUrl}/api/webhooks/instantly`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-webhook-secret': secret },
        body: JSON.stringify({
          timestamp: new Date().toISOString(),
          event_type: 'email_opened',
          campaign_id: randomUUID(),
          lead_email: `lead-${randomBytes(3).toString('hex')}@example.com`,
        }),
      });
    expect((await deliver(NEW_WEBHOOK_SECRET)).status).toBe(200);
    expect((await deliver(OLD_WEBHOOK_SECRET)).status).toBe(200);
    expect((await deliver(`other-${randomBytes(16).toString('hex')}`)).status).toBe(401);
    // Instantly still has the old header registered: the engagement sync's health check re-registers the new one
    const client = createInstantlyClient({ apiKey: stack.apiKey, baseUrl: stack.sim.apiUrl });
    const hook = await client.createWebhook({
      target_hook_url: intakeUrl(stack.apiUrl),
      event_type: 'all_events',
      name: 'registered before the rotation',
      headers: { 'x-webhook-secret': OLD_WEBHOOK_SECRET },
    });
    const health = await checkWebhookHealth(stack.db.prisma, client, {
      organizationId: DEFAULT_ORGANIZATION_ID,
      publicUrl: stack.apiUrl,
      secret: NEW_WEBHOOK_SECRET,
    });
    expect(health.status).toBe('active');
    expect((await client.getWebhook(hook.id)).headers).toEqual({ 'x-webhook-secret': NEW_WEBHOOK_SECRET });
  });
});

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createEngagementActivities } from '../../activities/engagement';
import { engagementWorkflowId } from '../../contracts/workflow-ids';
import {
  ensureOrganizationWebhookSecret,
  organizationWebhookSecrets,
} from '../../lib/engagement/webhook-secrets';
import { rotateStoredSecrets } from '../../lib/key-rotation';
import { webhookTarget, WEBHOOK_SECRET_HEADER } from '../../lib/engagement/webhook-registration';
import { campaignEngagementWorkflow } from '../../workflows';
import { engagementSnapshot, expectedSnapshot } from '../helpers/engagement-snapshot';
import { eventually, settled, startEngagementStack, type EngagementStack } from '../helpers/engagement-stack';
import { seedExport, type SeededExport } from '../helpers/seed-export';
import { testDeps } from '../helpers/temporal';

// Two organizations share one Instantly workspace (the simulator's), each with its own export, intake URL and
// webhook secret. Instantly's all_events webhooks deliver every event of the workspace to BOTH URLs: each
// organization must apply only its own campaign's events and keep the other's as unmatched rows of its own.
describe('tenant webhooks: one intake URL and secret per organization (real PostgreSQL, Temporal, simulator)', () => {
  let stack: EngagementStack;
  const orgA = randomUUID();
  const orgB = randomUUID();
  let a: SeededExport;
  let b: SeededExport;
  const secret = new Map<string, string>();
  const url = new Map<string, string>();

  const post = (org: string, body: unknown, presented: string | null = secret.get(org)!, path?: string) =>
    fetch(`${stack.apiUrl}${path ?? new URL(url.get(org)!).pathname}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(presented === null ? {} : { [WEBHOOK_SECRET_HEADER]: presented }),
      },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

  const opened = (s: SeededExport, n: number, over: Record<string, unknown> = {}) => ({
    timestamp: new Date(Date.UTC(2026, 2, 2, 10, 0, n)).toISOString(),
    event_type: 'email_opened',
    campaign_id: s.instantlyCampaignId,
    lead_email: s.businesses[n]!.email,
    step: 1,
    variant: 1,
    email_id: `${s.exportId}-${n}`,
    ...over,
  });

  const startWorkflow = (s: SeededExport) =>
    stack.temporal.workflow.start(campaignEngagementWorkflow, {
      taskQueue: stack.taskQueue,
      workflowId: engagementWorkflowId(s.instantlyCampaignId),
      args: [{ instantlyCampaignId: s.instantlyCampaignId, exportId: s.exportId, pollIntervalMs: 2000 }],
    });

  const eventsOf = (organizationId: string) =>
    stack.prisma.instantlyEvent.findMany({ where: { organizationId }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    stack = await startEngagementStack({ name: 'tenant-webhooks' });
    const env = testDeps(stack.prisma, stack.env).env;
    for (const [id, name] of [
      [orgA, 'Agency client A'],
      [orgB, 'Agency client B'],
    ] as const) {
      await stack.prisma.organization.create({ data: { id, name } });
      // Its own key (the shared workspace's): INSTANTLY_API_KEY serves only the default organization.
      await testDeps(stack.prisma, stack.env).instantly.saveApiKey(id, stack.env.INSTANTLY_API_KEY!);
      const target = await webhookTarget(stack.prisma, env, id);
      secret.set(id, target.secret);
      url.set(id, target.targetUrl);
      // What the registration route does for each organization: its own URL, its own secret header.
      await stack.instantly.createWebhook({
        target_hook_url: target.targetUrl,
        event_type: 'all_events',
        name: `bridge ${name}`,
        headers: { [WEBHOOK_SECRET_HEADER]: target.secret },
      });
    }
    a = await seedExport(stack.prisma, stack.instantly, { leads: 30, organizationId: orgA, name: 'A' });
    b = await seedExport(stack.prisma, stack.instantly, { leads: 30, organizationId: orgB, name: 'B' });
  });
  afterAll(async () => {
    // The workflows the first deliveries started wait for their campaigns to complete: end them.
    for (const s of [a, b])
      await stack?.temporal.workflow
        .getHandle(engagementWorkflowId(s.instantlyCampaignId))
        .terminate('test over')
        .catch(() => undefined);
    await stack?.stop();
  });

  it('each organization gets its own intake URL and secret; the secret is stored sealed, never in clear', async () => {
    expect(url.get(orgA)).toBe(`${stack.apiUrl}/api/webhooks/instantly/${orgA}`);
    expect(url.get(orgB)).toBe(`${stack.apiUrl}/api/webhooks/instantly/${orgB}`);
    expect(secret.get(orgA)).not.toBe(secret.get(orgB));
    const settings = await stack.prisma.instantlySettings.findUniqueOrThrow({
      where: { organizationId: orgA },
    });
    expect(settings.webhookSecretEncrypted).toMatch(/^v2\./);
    expect(settings.webhookSecretEncrypted).not.toContain(secret.get(orgA)!);
    // Asking again returns the same secret (registration is repeatable), not a new one.
    const env = testDeps(stack.prisma, stack.env).env;
    expect(await ensureOrganizationWebhookSecret(stack.prisma, env, orgA)).toBe(secret.get(orgA));
  });

  it("a wrong secret, another organization's secret, an unknown or malformed organization: the same 401, nothing stored", async () => {
    const before = await stack.prisma.instantlyEvent.count();
    const answers = [
      await post(orgB, opened(b, 0), secret.get(orgA)), // A's secret on B's URL
      await post(orgA, opened(a, 0), secret.get(orgB)), // B's secret on A's URL
      await post(orgA, opened(a, 0), null),
      await post(orgA, opened(a, 0), 'x'.repeat(43)),
      await post(orgA, opened(a, 0), secret.get(orgA), `/api/webhooks/instantly/${randomUUID()}`),
      await post(orgA, opened(a, 0), secret.get(orgA), '/api/webhooks/instantly/not-a-uuid'),
      // The default organization's configured secret opens only the default organization's URL.
      await post(orgA, opened(a, 0), stack.env.WEBHOOK_SECRET),
    ];
    for (const r of answers) expect(r).toEqual(answers[0]);
    expect(answers[0]!.status).toBe(401);
    expect(await stack.prisma.instantlyEvent.count()).toBe(before);
  });

  it("a delivery to A's URL is applied to A; one naming B's Instantly campaign is stored unmatched for A and changes nothing of B — also not when B syncs", async () => {
    const bBefore = await engagementSnapshot(stack.prisma, b.exportId);
    const own = await post(orgA, opened(a, 1));
    expect(own).toMatchObject({ status: 200, body: { matched: true, duplicate: false } });
    const foreign = await post(orgA, opened(b, 1));
    expect(foreign).toMatchObject({
      status: 200,
      body: { matched: false, duplicate: false, handoff: 'none' },
    });
    const stored = await stack.prisma.instantlyEvent.findUniqueOrThrow({
      where: { id: BigInt(foreign.body.id as string) },
    });
    expect(stored).toMatchObject({ organizationId: orgA, exportId: null, businessId: null, unmatched: true });
    await eventually(async () => {
      const e = await stack.prisma.instantlyExport.findUniqueOrThrow({ where: { id: a.exportId } });
      return e.openedCount === 1 ? e : undefined;
    }, "A's open to be applied");
    const lead = await stack.prisma.business.findUniqueOrThrow({ where: { id: a.businesses[1]!.id } });
    expect(lead.instantlyOpenedAt?.toISOString()).toBe(opened(a, 1).timestamp);
    // B's sync attaches B's own unmatched events to B's export — never A's copy of B's event.
    const activities = createEngagementActivities(testDeps(stack.prisma, stack.env));
    const sync = await activities.syncCampaignAnalytics({
      exportId: b.exportId,
      instantlyCampaignId: b.instantlyCampaignId,
    });
    expect(sync.exportId).toBe(b.exportId);
    expect(await engagementSnapshot(stack.prisma, b.exportId)).toEqual(bBefore);
    expect(await stack.prisma.instantlyEvent.findUniqueOrThrow({ where: { id: stored.id } })).toMatchObject({
      organizationId: orgA,
      exportId: null,
      unmatched: true,
    });
    // B's health check found B's webhook (the one delivering to B's URL), not A's.
    const hooks = await stack.instantly.listWebhooks({ limit: 100 });
    const bHook = hooks.items.find((h) => h.target_hook_url === url.get(orgB));
    const bSettings = await stack.prisma.instantlySettings.findUniqueOrThrow({
      where: { organizationId: orgB },
    });
    expect(bSettings.webhookId).toBe(bHook!.id);
  });

  it('the same Instantly event received by both organizations is stored once for each, applied once, to its owner', async () => {
    const event = opened(b, 2);
    const atA = await post(orgA, event);
    const atB = await post(orgB, event);
    const atBAgain = await post(orgB, event); // Instantly's retry / a replay
    expect(atA.body).toMatchObject({ matched: false, duplicate: false });
    expect(atB.body).toMatchObject({ matched: true, duplicate: false });
    expect(atBAgain.body).toMatchObject({ id: atB.body.id, duplicate: true });
    expect(atB.body.id).not.toBe(atA.body.id);
    await eventually(async () => {
      const e = await stack.prisma.instantlyExport.findUniqueOrThrow({ where: { id: b.exportId } });
      return e.openedCount === 1 ? e : undefined;
    }, "B's open to be applied");
    const bRows = await stack.prisma.instantlyEvent.count({
      where: { organizationId: orgB, emailId: event.email_id },
    });
    expect(bRows).toBe(1);
  });

  it('a whole campaign of A played through the shared workspace: A ends at the ground truth, B only keeps unmatched copies', async () => {
    const fresh = await seedExport(stack.prisma, stack.instantly, {
      leads: 40,
      organizationId: orgA,
      name: 'A2',
    });
    const bBefore = await engagementSnapshot(stack.prisma, b.exportId);
    const bEventsBefore = (await eventsOf(orgB)).length;
    const handle = await startWorkflow(fresh);
    const truth = await stack.sim.runCampaign(fresh.instantlyCampaignId, {
      seed: 13,
      openRate: 0.6,
      clickRate: 0.3,
      replyRate: 0.2,
      bounceRate: 0.05,
      concurrency: 4,
    });
    await handle.result();
    await settled(stack, fresh);
    const emails = fresh.businesses.map((x) => x.email);
    expect(await engagementSnapshot(stack.prisma, fresh.exportId)).toEqual(expectedSnapshot(truth, emails));
    // B's URL received every event of the workspace too: all stored for B, unmatched, none applied to B.
    const bCopies = await eventually(async () => {
      const rows = await stack.prisma.instantlyEvent.findMany({
        where: { organizationId: orgB, instantlyCampaignId: fresh.instantlyCampaignId },
      });
      return rows.length === truth.totals.eventsTotal ? rows : undefined;
    }, "B's copies of A's events");
    expect(bCopies.every((e) => e.exportId === null && e.unmatched && e.businessId === null)).toBe(true);
    expect(await engagementSnapshot(stack.prisma, b.exportId)).toEqual(bBefore);
    expect((await eventsOf(orgB)).length).toBe(bEventsBefore + truth.totals.eventsTotal);
    // A stored each event once although Instantly delivered to two URLs.
    const aRows = await stack.prisma.instantlyEvent.count({
      where: { organizationId: orgA, exportId: fresh.exportId, source: 'webhook' },
    });
    expect(aRows).toBe(truth.totals.eventsTotal);
  });

  it('a rotated secret: the new one and, during the grace period, the previous one are accepted', async () => {
    const env = testDeps(stack.prisma, stack.env).env;
    const old = secret.get(orgA)!;
    const rotated = await ensureOrganizationWebhookSecret(stack.prisma, env, orgA, { rotate: true });
    expect(rotated).not.toBe(old);
    // The intake caches an organization's secrets for at most 2 s.
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await post(orgA, opened(a, 5), rotated)).status).toBe(200);
    expect((await post(orgA, opened(a, 6), old)).status).toBe(200);
    await ensureOrganizationWebhookSecret(stack.prisma, env, orgA, { rotate: true });
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await post(orgA, opened(a, 7), old)).status).toBe(401);
    secret.set(orgA, rotated);
  });

  it('npm run keys:rotate re-seals the webhook secrets (current and previous) with the new key', async () => {
    const env = testDeps(stack.prisma, stack.env).env;
    const before = await organizationWebhookSecrets(stack.prisma, env, orgA);
    const newKey = randomBytes(32).toString('hex');
    const ring = `${newKey},${env.SETTINGS_ENCRYPTION_KEY}`;
    const reports = await rotateStoredSecrets(stack.prisma, ring);
    const current = reports.find((r) => r.column === 'webhook_secret_encrypted')!;
    const previous = reports.find((r) => r.column === 'webhook_secret_previous_encrypted')!;
    expect(current).toMatchObject({ rotated: 2, undecryptable: [] }); // A and B
    expect(previous).toMatchObject({ rotated: 1, undecryptable: [] }); // A rotated its secret
    // The new key alone opens them: nothing is left sealed with the old one.
    const after = await organizationWebhookSecrets(
      stack.prisma,
      { ...env, SETTINGS_ENCRYPTION_KEY: newKey },
      orgA,
    );
    expect(after).toEqual(before);
  });

  it("an address erased by another organization is not stripped from the receiver's events; one it erased itself is", async () => {
    const sha = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
    const erasedByB = a.businesses[10]!.email;
    const erasedByA = a.businesses[11]!.email;
    await stack.prisma.personalDataSuppression.createMany({
      data: [
        { organizationId: orgB, emailSha256: sha(erasedByB) },
        { organizationId: orgA, emailSha256: sha(erasedByA) },
      ],
    });
    const kept = await post(orgA, opened(a, 10), secret.get(orgA));
    const stripped = await post(orgA, opened(a, 11), secret.get(orgA));
    const row = (id: unknown) =>
      stack.prisma.instantlyEvent.findUniqueOrThrow({ where: { id: BigInt(id as string) } });
    expect(await row(kept.body.id)).toMatchObject({ leadEmail: erasedByB.toLowerCase() });
    const s = await row(stripped.body.id);
    expect(s.leadEmail).toBeNull();
    expect(s.payload).not.toHaveProperty('lead_email');
  });
});

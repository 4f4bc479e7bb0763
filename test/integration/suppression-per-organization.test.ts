import { createHash, randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { writeBatchPlan } from '../../db/export-plan';
import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import { migrate, MIGRATIONS_DIR, readMigrations } from '../../tools/migrate';
import type { PrismaClient } from '../../lib/prisma';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { seedCampaign } from '../helpers/seed';

// Issue 13: suppression is per organization. A bounce, unsubscribe or erasure in organization A holds the address
// back from A's exports only; organization B's export of the same address is unaffected.
const ORG_A = '00000000-0000-4000-8000-00000000000a';
const ORG_B = '00000000-0000-4000-8000-00000000000b';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const PEOPLE = ['bounced@example.com', 'unsub@example.com', 'erased@example.com', 'fine@example.com'];

/** Plans an export of the campaign and returns the e-mails it would send. */
async function plannedEmails(
  prisma: PrismaClient,
  campaignId: string,
  organizationId: string,
  allowReexport = false,
) {
  const exportId = randomUUID();
  await prisma.instantlyExport.create({
    data: {
      id: exportId,
      organizationId,
      campaignId,
      instantlyName: 'x',
      nameTag: `[ib-${exportId}]`,
      workflowId: `wf-${exportId}`,
      request: {},
      requestHash: 'h',
    },
  });
  const counts = await writeBatchPlan(prisma, { exportId, campaignId, organizationId, allowReexport });
  const plans = await prisma.instantlyExportBatchPlan.findMany({ where: { exportId } });
  const ids = plans.flatMap((p) => p.businessIds);
  const rows = await prisma.business.findMany({ where: { id: { in: ids } }, select: { email: true } });
  return { counts, emails: rows.map((r) => r.email!.trim().toLowerCase()).sort() };
}

describe('suppression per organization (real PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.drop());

  it("holds back A's bounces, unsubscribes and erasures from A's exports only, never from B's", async () => {
    const prisma = db.prisma;
    await prisma.organization.create({ data: { id: ORG_B, name: 'B' } });
    // A's earlier campaign: one address bounced, one unsubscribed (spelled differently from later imports).
    await seedCampaign(prisma, {
      organizationId: ORG_A,
      businesses: [
        { name: 'Bounced', email: ' Bounced@Example.com', bounced: true },
        { name: 'Unsub', email: 'UNSUB@example.com ', unsubscribed: true },
      ],
    });
    await prisma.personalDataSuppression.create({
      data: { organizationId: ORG_A, emailSha256: sha256('erased@example.com') },
    });
    const leads = PEOPLE.map((email, i) => ({ name: `Lead ${i}`, email }));
    const a = await seedCampaign(prisma, { organizationId: ORG_A, businesses: leads });
    const b = await seedCampaign(prisma, { organizationId: ORG_B, businesses: leads });

    const inA = await plannedEmails(prisma, a.campaignId, ORG_A);
    expect(inA.emails).toEqual(['fine@example.com']);
    expect(inA.counts).toEqual({ eligible: 1, batches: 1, alreadyExported: 0 });
    const inB = await plannedEmails(prisma, b.campaignId, ORG_B);
    expect(inB.emails).toEqual([...PEOPLE].sort());
    expect(inB.counts).toEqual({ eligible: 4, batches: 1, alreadyExported: 0 });

    // The same events in B now hold the addresses back in B too (re-export allowed: B's first export above
    // already claimed all four addresses).
    await prisma.business.updateMany({
      where: { campaignId: b.campaignId, email: 'bounced@example.com' },
      data: { instantlyBouncedAt: new Date() },
    });
    await prisma.personalDataSuppression.create({
      data: { organizationId: ORG_B, emailSha256: sha256('erased@example.com') },
    });
    const b2 = await seedCampaign(prisma, { organizationId: ORG_B, businesses: leads });
    expect((await plannedEmails(prisma, b2.campaignId, ORG_B, true)).emails).toEqual([
      'fine@example.com',
      'unsub@example.com',
    ]);
  });

  it('eligibility looks an address up by index, not by scanning every business', async () => {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      await c.query('SET enable_seqscan = off');
      const { rows } = await c.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT 1 FROM gmaps_businesses WHERE lower(trim(email)) = $1`,
        ['fine@example.com'],
      );
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/gmaps_businesses_email_key_idx/);
    } finally {
      await c.end();
    }
  });
});

describe('suppression backfill of migration 20261204030000 (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
    dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'ib-supp-')), 'migrations');
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  });
  afterAll(async () => {
    await db.drop();
    rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it("gives each existing suppression its erased business's organization, else the default one", async () => {
    const mine = readMigrations().find((m) => m.name.startsWith('20261204030000'))!;
    const later = readMigrations().filter((m) => m.name >= mine.name);
    for (const m of later) rmSync(path.join(dir, m.name), { recursive: true });
    await migrate(db.url, dir);
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      await c.query(`INSERT INTO organizations (id, name, updated_at) VALUES ($1, 'B', now())`, [ORG_B]);
      const campaign = randomUUID();
      const business = randomUUID();
      await c.query(
        `INSERT INTO gmaps_campaigns (id, organization_id, name, updated_at) VALUES ($1, $2, 'c', now())`,
        [campaign, ORG_B],
      );
      await c.query(
        `INSERT INTO gmaps_businesses (id, campaign_id, name, updated_at) VALUES ($1, $2, '[deleted]', now())`,
        [business, campaign],
      );
      await c.query(
        `INSERT INTO personal_data_suppressions (email_sha256, erased_business_id)
         VALUES ('h-of-b', $1), ('h-gone', $2), ('h-none', NULL)`,
        [business, randomUUID()],
      );
      const report = await migrate(db.url);
      expect(report.applied).toEqual(later.map((m) => m.name));
      const { rows } = await c.query(
        'SELECT organization_id, email_sha256 FROM personal_data_suppressions ORDER BY email_sha256 COLLATE "C"',
      );
      expect(rows).toEqual([
        { organization_id: DEFAULT_ORGANIZATION_ID, email_sha256: 'h-gone' },
        { organization_id: DEFAULT_ORGANIZATION_ID, email_sha256: 'h-none' },
        { organization_id: ORG_B, email_sha256: 'h-of-b' },
      ]);
      const org = await c.query('SELECT name FROM organizations WHERE id = $1', [DEFAULT_ORGANIZATION_ID]);
      expect(org.rows).toEqual([{ name: 'Default organization' }]);
    } finally {
      await c.end();
    }
  });
});

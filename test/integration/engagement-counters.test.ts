import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { countersFromEvents, readCounters, recountExports } from '../../db/engagement-counters';
import { applyEventIds, attachUnmatched } from '../../db/events-apply';
import { matchLateBusiness } from '../../db/events';
import { erasePersonalData } from '../../db/personal-data';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { seedCampaign } from '../helpers/seed';

// Issue 15: the counters are maintained incrementally (lead touches, O(batch) per apply). Property: after ANY
// mix of stores, applies (duplicates, shuffled, repeated, overlapping), poll stand-ins before/after real events
// (superseding), personal-data erasures, late business matches of applied rows and attaches of events applied
// under no export, the stored counters equal the counters computed from the applied events, and the repair
// recount changes nothing. Real PostgreSQL.

const TYPES = [
  'email_sent',
  'email_opened',
  'link_clicked',
  'reply_received',
  'auto_reply_received',
  'email_bounced',
  'lead_unsubscribed',
  'constructor', // a custom label: feeds no counter
] as const;

const LEADS = 3; // exported businesses (in the export's ledger)
const OUTSIDERS = 2; // businesses of the campaign NOT in the ledger: their events keep only the e-mail as key

type Lead = { kind: 'biz' | 'outsider' | 'stranger'; i: number } | { kind: 'anon' };
interface Ev {
  n: number; // identity: the same n is the same event (dedupe key)
  type: (typeof TYPES)[number];
  lead: Lead;
  poll: boolean;
  unmatched: boolean;
}
type Op =
  | { op: 'store'; events: Ev[] }
  | { op: 'apply'; picks: number[] }
  | { op: 'erase'; outsider: boolean; i: number }
  | { op: 'attach' }
  | { op: 'late'; pick: number };

const lead: fc.Arbitrary<Lead> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('biz' as const), i: fc.nat(LEADS - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('outsider' as const), i: fc.nat(OUTSIDERS - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('stranger' as const), i: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'anon' as const }) },
);
const ev: fc.Arbitrary<Ev> = fc.record({
  n: fc.nat(30),
  // sends are the subtle counter (poll vs real): make them common
  type: fc.oneof(
    { weight: 3, arbitrary: fc.constant(TYPES[0]) },
    { weight: 4, arbitrary: fc.constantFrom(...TYPES) },
  ),
  lead,
  poll: fc.boolean(),
  unmatched: fc.nat(9).map((n) => n < 2),
});
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('store' as const), events: fc.array(ev, { maxLength: 12 }) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('apply' as const),
      picks: fc.array(fc.nat(60), { maxLength: 15 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('erase' as const),
      outsider: fc.boolean(),
      i: fc.nat(OUTSIDERS - 1),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'attach' as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('late' as const), pick: fc.nat(60) }) },
);

describe('engagement counters: incremental = full recount (property, real PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db?.drop());

  /** A campaign with LEADS exported businesses and OUTSIDERS others, and one export of it. */
  async function freshExport() {
    const tag = randomUUID().slice(0, 8);
    const email = (kind: string, i: number) => `${kind}${i}@${tag}.example`;
    const { campaignId, organizationId } = await seedCampaign(db.prisma, {
      businesses: [
        ...Array.from({ length: LEADS }, (_, i) => ({ name: `Biz ${i}`, email: email('biz', i) })),
        ...Array.from({ length: OUTSIDERS }, (_, i) => ({ name: `Out ${i}`, email: email('outsider', i) })),
      ],
    });
    const businesses = await db.prisma.business.findMany({
      where: { campaignId },
      orderBy: { createdAt: 'asc' },
    });
    const exportId = randomUUID();
    const instantlyCampaignId = randomUUID();
    await db.prisma.instantlyExport.create({
      data: {
        id: exportId,
        organizationId,
        campaignId,
        instantlyCampaignId,
        instantlyName: `Counters ${tag}`,
        nameTag: `[ib-${exportId.slice(0, 8)}]`,
        status: 'completed',
        workflowId: `export/${exportId}`,
        request: {},
        requestHash: exportId,
      },
    });
    await db.prisma.instantlyExportLead.createMany({
      data: businesses
        .slice(0, LEADS)
        .map((b) => ({ exportId, businessId: b.id, batchNo: 0, outcome: 'uploaded' })),
    });
    return {
      tag,
      email,
      organizationId,
      exportId,
      instantlyCampaignId,
      biz: businesses.slice(0, LEADS),
      outsiders: businesses.slice(LEADS),
    };
  }

  async function play(ops: Op[]): Promise<void> {
    const x = await freshExport();
    const exp = {
      id: x.exportId,
      organization_id: x.organizationId,
      instantly_campaign_id: x.instantlyCampaignId,
    };
    const check = async (after: string) => {
      const stored = await readCounters(db.prisma, x.exportId);
      const truth = await countersFromEvents(db.prisma, x.exportId);
      if (JSON.stringify(stored) !== JSON.stringify(truth))
        throw new Error(
          `after ${after}: stored ${JSON.stringify(stored)} ≠ recount ${JSON.stringify(truth)}`,
        );
      // Superseding (guarded by the touches' poll flag) never leaves a counted stand-in beside a real event.
      const [left] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM gmaps_instantly_events p JOIN gmaps_instantly_events r
           ON r.business_id = p.business_id AND r.export_id = p.export_id AND r.event_type = p.event_type
          AND r.source <> 'poll' AND r.applied_at IS NOT NULL
         WHERE p.export_id = $1::uuid AND p.source = 'poll' AND p.applied_at IS NOT NULL AND p.superseded_by IS NULL`,
        x.exportId,
      );
      if (left!.n !== 0) throw new Error(`after ${after}: ${left!.n} stand-in(s) not superseded`);
    };
    for (const [k, o] of ops.entries()) {
      if (o.op === 'store' && o.events.length > 0) {
        await db.prisma.instantlyEvent.createMany({
          skipDuplicates: true,
          data: o.events.map((e) => {
            const email = e.lead.kind === 'anon' ? null : x.email(e.lead.kind, e.lead.i).toLowerCase();
            const poll = e.poll && e.lead.kind === 'biz' && !e.unmatched; // stand-ins are of known leads
            return {
              organizationId: x.organizationId,
              dedupeKey: `${x.tag}-${e.n}`,
              exportId: e.unmatched ? null : x.exportId,
              unmatched: e.unmatched,
              instantlyCampaignId: x.instantlyCampaignId,
              // the intake resolves exported leads; the rest stay unresolved (resolved, or not, at apply)
              businessId: e.lead.kind === 'biz' && !e.unmatched && e.n % 2 === 0 ? x.biz[e.lead.i]!.id : null,
              eventType: e.type,
              leadEmail: email,
              step: 1 + (e.n % 3),
              occurredAt: new Date(Date.UTC(2026, 0, 1, 0, e.n)),
              source: poll ? 'poll' : 'webhook',
              payload: { event_type: e.type },
            };
          }),
        });
      } else if (o.op === 'apply') {
        const stored = await db.prisma.instantlyEvent.findMany({
          where: { organizationId: x.organizationId, dedupeKey: { startsWith: `${x.tag}-` } },
          select: { id: true },
          orderBy: { id: 'asc' },
        });
        if (stored.length === 0) continue;
        const ids = o.picks.map((p) => String(stored[p % stored.length]!.id));
        // two overlapping applies at once, as a webhook batch and a sync sweep can
        await Promise.all([applyEventIds(db.prisma, ids), applyEventIds(db.prisma, [...ids].reverse())]);
      } else if (o.op === 'erase') {
        const b = (o.outsider ? x.outsiders : x.biz)[o.i % (o.outsider ? OUTSIDERS : LEADS)]!;
        await erasePersonalData(db.prisma, x.organizationId, b.id);
      } else if (o.op === 'attach') {
        await attachUnmatched(db.prisma, exp);
      } else if (o.op === 'late') {
        // An outsider's event that was applied (and counted under its e-mail) is matched late: the outsider
        // joins the ledger first, as a business the intake could not see yet.
        const applied = await db.prisma.instantlyEvent.findMany({
          where: {
            exportId: x.exportId,
            businessId: null,
            appliedAt: { not: null },
            leadEmail: { startsWith: 'outsider' },
          },
          orderBy: { id: 'asc' },
        });
        const e = applied[o.pick % Math.max(1, applied.length)];
        if (!e?.leadEmail) continue;
        const b = x.outsiders.find((b) => b.email?.toLowerCase() === e.leadEmail);
        if (!b) continue;
        await db.prisma.instantlyExportLead.upsert({
          where: { exportId_businessId: { exportId: x.exportId, businessId: b.id } },
          create: { exportId: x.exportId, businessId: b.id, batchNo: 1, outcome: 'uploaded' },
          update: {},
        });
        await matchLateBusiness(db.prisma, { id: String(e.id), exportId: x.exportId }, e.leadEmail, {});
      }
      await check(`op ${k} (${o.op})`);
    }
    const recount = (await recountExports(db.prisma, [x.exportId])).get(x.exportId)!;
    expect(recount.after).toEqual(recount.before);
  }

  it('stored counters always equal the recount from the events, and no counted stand-in is left beside a real event', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 18 }), async (ops) => {
        await play(ops);
      }),
      { numRuns: 60, interruptAfterTimeLimit: 100_000 },
    );
  }, 180_000);

  it('a real send after a poll send of the same lead is not counted twice; the poll send counts alone', async () => {
    const x = await freshExport();
    const store = async (n: number, source: string, type = 'email_sent') =>
      (
        await db.prisma.instantlyEvent.create({
          data: {
            organizationId: x.organizationId,
            dedupeKey: `${x.tag}-fixed-${n}`,
            exportId: x.exportId,
            businessId: x.biz[0]!.id,
            eventType: type,
            leadEmail: x.email('biz', 0),
            occurredAt: new Date(Date.UTC(2026, 0, 1, 0, n)),
            source,
            payload: {},
          },
        })
      ).id;
    await applyEventIds(db.prisma, [String(await store(1, 'poll'))]);
    expect(await readCounters(db.prisma, x.exportId)).toMatchObject({ emailsSent: 1, contacted: 1 });
    const real = String(await store(2, 'webhook'));
    await applyEventIds(db.prisma, [real]);
    await applyEventIds(db.prisma, [real]); // a retry changes nothing
    expect(await readCounters(db.prisma, x.exportId)).toMatchObject({ emailsSent: 1, contacted: 1 });
    await applyEventIds(db.prisma, [String(await store(3, 'webhook'))]); // the follow-up step
    expect(await readCounters(db.prisma, x.exportId)).toMatchObject({ emailsSent: 2, contacted: 1 });
    expect(await readCounters(db.prisma, x.exportId)).toEqual(
      await countersFromEvents(db.prisma, x.exportId),
    );
  });

  /** Stores one event of the export's lead (not yet applied) and returns its id. */
  const storeOne = async (
    x: Awaited<ReturnType<typeof freshExport>>,
    n: number,
    type: string,
    leadEmail: string,
  ): Promise<string> =>
    String(
      (
        await db.prisma.instantlyEvent.create({
          data: {
            organizationId: x.organizationId,
            dedupeKey: `${x.tag}-one-${n}`,
            exportId: x.exportId,
            eventType: type,
            leadEmail,
            occurredAt: new Date(Date.UTC(2026, 0, 1, 0, n)),
            payload: {},
          },
        })
      ).id,
    );

  it('erasing a lead known only by its e-mail recounts its export (its events no longer share a key)', async () => {
    const x = await freshExport();
    const email = x.email('outsider', 0);
    await applyEventIds(db.prisma, [
      await storeOne(x, 1, 'email_opened', email),
      await storeOne(x, 2, 'email_opened', email),
    ]);
    expect(await readCounters(db.prisma, x.exportId)).toMatchObject({ opened: 1 });
    await erasePersonalData(db.prisma, x.organizationId, x.outsiders[0]!.id);
    // Without the address the two opens are two unknown leads, exactly as a recount from the events says.
    expect(await readCounters(db.prisma, x.exportId)).toMatchObject({ opened: 2 });
    expect(await readCounters(db.prisma, x.exportId)).toEqual(
      await countersFromEvents(db.prisma, x.exportId),
    );
    const touches = await db.prisma.instantlyLeadTouch.findMany({ where: { exportId: x.exportId } });
    expect(touches.length).toBe(2);
    expect(touches.some((t) => t.leadKey.includes('@'))).toBe(false); // the address is gone from the touches too
  });

  it('a late business match of an applied event recounts its export', async () => {
    const x = await freshExport();
    const email = x.email('outsider', 1);
    const b = x.outsiders[1]!;
    const late = await storeOne(x, 1, 'email_opened', email);
    await applyEventIds(db.prisma, [late, await storeOne(x, 2, 'link_clicked', email)]);
    await db.prisma.instantlyExportLead.create({
      data: { exportId: x.exportId, businessId: b.id, batchNo: 1, outcome: 'uploaded' },
    });
    // A later open of the same lead resolves to the business at apply time: its key is the business now.
    await applyEventIds(db.prisma, [await storeOne(x, 3, 'email_opened', email)]);
    expect(await readCounters(db.prisma, x.exportId)).toMatchObject({ opened: 2, clicked: 1 });
    await matchLateBusiness(db.prisma, { id: late, exportId: x.exportId }, email, {});
    expect(await readCounters(db.prisma, x.exportId)).toMatchObject({ opened: 1, clicked: 1 });
    expect(await readCounters(db.prisma, x.exportId)).toEqual(
      await countersFromEvents(db.prisma, x.exportId),
    );
  });
});

import { createHash } from 'node:crypto';
import { createReplyWriteBackActivities } from '../../activities/reply-write-back';
import { ELIGIBLE_LEADS_CTE } from '../../db/leads';
import {
  eventually,
  settled,
  startEngagementStack,
  startEngagementWorkflow,
  type EngagementStack,
} from '../helpers/engagement-stack';
import { seedExport, type SeededExport } from '../helpers/seed-export';
import { testDeps } from '../helpers/temporal';

// Issue 16 write-back on real engines: the engagement workflow classifies replies and writes their interest to
// Instantly (the simulator) once per reply when the organization turned it on, never when off; duplicated and
// replayed webhooks, a lost 202 and forced 429/5xx do not make a second effective write; unsubscribe replies
// reach our suppressions and Instantly's block list.
const INTEREST_ROUTE = '/api/v2/leads/update-interest-status';
const BLOCK_ROUTE = '/api/v2/block-lists-entries';

interface LedgerRow {
  event_id: string;
  label: string;
  interest_value: number | null;
  interest_outcome: string;
  interest_attempts: number;
  block_outcome: string | null;
  suppressed: boolean;
  email: string;
  /** A repair stand-in the real webhook event superseded later (the same reply). */
  replaced: boolean;
}

describe('reply write-back to Instantly (real PostgreSQL + Temporal + simulator)', () => {
  let stack: EngagementStack;
  beforeAll(async () => {
    stack = await startEngagementStack({ name: 'reply-write-back', sim: { backgroundJobDelayMs: 100 } });
    expect((await stack.request('POST', '/api/instantly/webhooks')).status).toBe(201);
  });
  afterAll(() => stack?.stop());

  const interestRequests = (campaignId: string) =>
    stack.sim.requests.filter(
      (r) =>
        r.method === 'POST' &&
        r.path === INTEREST_ROUTE &&
        (r.body as { campaign_id?: string } | undefined)?.campaign_id === campaignId,
    );
  const blockRequests = () => stack.sim.requests.filter((r) => r.method === 'POST' && r.path === BLOCK_ROUTE);

  async function play(seed: number): Promise<SeededExport> {
    const seeded = await seedExport(stack.prisma, stack.instantly, { leads: 60 });
    const handle = await startEngagementWorkflow(stack, seeded);
    await stack.sim.runCampaign(seeded.instantlyCampaignId, { seed, replyRate: 0.6, autoReplyRate: 0.2 });
    await handle.result();
    await settled(stack, seeded);
    return seeded;
  }

  async function ledger(exportId: string): Promise<LedgerRow[]> {
    return stack.prisma.$queryRawUnsafe<LedgerRow[]>(
      `SELECT w.event_id::text AS event_id, w.label, w.interest_value, w.interest_outcome, w.interest_attempts,
              w.block_outcome, w.suppressed_at IS NOT NULL AS suppressed, lower(e.lead_email) AS email,
              e.superseded_by IS NOT NULL AS replaced
         FROM gmaps_reply_write_backs w JOIN gmaps_instantly_events e ON e.id = w.event_id
        WHERE w.export_id = $1::uuid ORDER BY w.event_id`,
      exportId,
    );
  }

  /** Replies that reached Instantly twice: a stand-in and the real event that superseded it, both written. */
  async function writtenTwice(exportId: string): Promise<number> {
    const [row] = await stack.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM gmaps_reply_write_backs a
         JOIN gmaps_instantly_events s ON s.id = a.event_id
         JOIN gmaps_reply_write_backs b ON b.event_id = s.superseded_by
        WHERE a.export_id = $1::uuid
          AND ((a.interest_outcome = 'written' AND b.interest_outcome = 'written')
               OR (a.block_outcome = 'written' AND b.block_outcome = 'written'))`,
      exportId,
    );
    return row!.n;
  }

  async function labelledReplies(exportId: string): Promise<number> {
    return stack.prisma.instantlyEvent.count({
      where: { exportId, replyLabel: { not: null }, supersededBy: null, appliedAt: { not: null } },
    });
  }

  async function suppressedFor(email: string): Promise<string | undefined> {
    const hash = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
    const row = await stack.prisma.personalDataSuppression.findFirst({ where: { emailSha256: hash } });
    return row?.reason;
  }

  it('off (the default): no Instantly call, every reply still has its one ledger row; unsubscribes are suppressed', async () => {
    expect((await stack.request('GET', '/api/settings/instantly/write-back')).body).toEqual({
      interestWriteBack: false,
      blockListWriteBack: false,
    });
    const seeded = await play(16);
    const rows = await ledger(seeded.exportId);
    expect(rows.filter((r) => !r.replaced).length).toBe(await labelledReplies(seeded.exportId));
    expect(rows.length).toBeGreaterThan(10);
    expect(interestRequests(seeded.instantlyCampaignId)).toHaveLength(0);
    expect(blockRequests()).toHaveLength(0);
    for (const r of rows) {
      expect(r.interest_outcome).toBe(r.interest_value === null ? 'unmapped' : 'off');
      expect(r.block_outcome).toBe(r.label === 'unsubscribe' ? 'off' : null);
    }
    const unsubscribes = rows.filter((r) => r.label === 'unsubscribe');
    expect(unsubscribes.length).toBeGreaterThan(0);
    for (const r of unsubscribes) {
      expect(r.suppressed).toBe(true);
      expect(await suppressedFor(r.email)).toBe('unsubscribe_reply');
    }
    // A suppressed address is no longer eligible for this organization's exports (the export eligibility rule).
    const held = await stack.prisma.$queryRawUnsafe<{ e: string }[]>(
      `WITH ${ELIGIBLE_LEADS_CTE} SELECT e FROM suppressed`,
      seeded.campaignId,
    );
    for (const r of unsubscribes) expect(held.map((h) => h.e)).toContain(r.email);
    // Erasing such an address turns its suppression into an erasure (its later events are then stored stripped).
    const business = seeded.businesses.find((b) => b.email.toLowerCase() === unsubscribes[0]!.email)!;
    const erased = await stack.request('DELETE', `/api/businesses/${business.id}/personal-data`);
    expect(erased.status).toBe(200);
    expect(await suppressedFor(unsubscribes[0]!.email)).toBe('erasure');
  });

  it('on: each mapped reply written once despite duplicated and replayed webhooks, a lost 202, 429 and 503', async () => {
    const put = await stack.request('PUT', '/api/settings/instantly/write-back', {
      interestWriteBack: true,
      blockListWriteBack: true,
    });
    expect(put.body).toEqual({ interestWriteBack: true, blockListWriteBack: true });
    stack.sim.webhookFaults.set({ duplicateProbability: 0.3, seed: 7 });
    stack.sim.faults.add({
      kind: 'status',
      status: 429,
      route: `POST ${INTEREST_ROUTE}`,
      retryAfterSeconds: 0,
    });
    stack.sim.faults.add({ kind: 'status', status: 503, route: `POST ${INTEREST_ROUTE}` });
    stack.sim.faults.add({ kind: 'drop-after-commit', route: `POST ${INTEREST_ROUTE}` });
    const seeded = await play(23);
    stack.sim.webhookFaults.set({ duplicateProbability: 0 });
    const rows = await ledger(seeded.exportId);
    expect(rows.filter((r) => !r.replaced).length).toBe(await labelledReplies(seeded.exportId));
    expect(await writtenTwice(seeded.exportId)).toBe(0);
    const written = rows.filter((r) => r.interest_outcome === 'written');
    expect(written.length).toBeGreaterThan(5);
    // Nothing left pending; nothing written for labels without an Instantly value.
    expect(rows.filter((r) => r.interest_outcome === 'pending' || r.block_outcome === 'pending')).toEqual([]);
    for (const r of rows.filter((x) => x.interest_value === null))
      expect(r.interest_outcome).toBe('unmapped');
    for (const r of rows.filter((x) => x.interest_outcome === 'superseded')) {
      // superseded: the business has a newer interest signal than this reply
      const [newer] = await stack.prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM gmaps_business_interest_history h
           JOIN gmaps_instantly_events e ON e.id = $1::bigint
          WHERE h.business_id = e.business_id AND h.status NOT IN ('question', 'auto_other')
            AND (h.occurred_at, h.event_id) > (e.occurred_at, e.id)`,
        r.event_id,
      );
      expect(newer?.n).toBeGreaterThan(0);
    }

    // Exactly one effective (202) call per written reply; the failed and dropped attempts add no effect.
    const calls = interestRequests(seeded.instantlyCampaignId);
    const accepted = calls.filter((c) => c.status === 202);
    expect(accepted).toHaveLength(written.length);
    expect(calls.map((c) => c.status).sort()).toEqual([0, 429, 503, ...accepted.map(() => 202)].sort());
    const lost = calls.find((c) => c.dropped)!;
    const lostEmail = (lost.body as { lead_email: string }).lead_email;
    const lostRow = written.find((r) => r.email === lostEmail)!;
    expect(lostRow).toBeDefined();
    expect(lostRow.interest_attempts).toBe(1);
    const sentFor = (email: string) =>
      calls.filter((c) => (c.body as { lead_email: string }).lead_email === email && c.status === 202);
    expect(sentFor(lostEmail)).toHaveLength(written.filter((r) => r.email === lostEmail).length);
    for (const r of written) {
      expect(sentFor(r.email).map((c) => (c.body as { interest_value: number }).interest_value)).toContain(
        r.interest_value,
      );
    }

    // The simulator's background jobs applied the statuses: the newest written value per lead, read through the API.
    const expected = new Map<string, number>();
    for (const r of written) expected.set(r.email, r.interest_value!);
    await eventually(async () => {
      const page = await stack.instantly.listLeads({ campaign: seeded.instantlyCampaignId, limit: 100 });
      const ok = [...expected].every(
        ([email, v]) => page.items.find((l) => l.email?.toLowerCase() === email)?.lt_interest_status === v,
      );
      return ok ? true : undefined;
    }, 'the simulator to apply the interest statuses');

    // Unsubscribes: our suppressions and Instantly's block list, one entry each.
    const unsubscribes = rows.filter((r) => r.label === 'unsubscribe');
    expect(unsubscribes.length).toBeGreaterThan(0);
    const entries = await stack.instantly.listBlockListEntries({ limit: 100 });
    for (const r of unsubscribes) {
      expect(['written', 'duplicate', 'superseded']).toContain(r.block_outcome);
      expect(await suppressedFor(r.email)).toBe('unsubscribe_reply');
      expect(entries.items.filter((e) => e.bl_value === r.email)).toHaveLength(1);
    }
    expect(blockRequests()).toHaveLength(unsubscribes.filter((r) => r.block_outcome === 'written').length);

    // Replay every reply webhook Instantly sent (each twice): nothing new is stored, claimed or sent.
    const before = { interest: calls.length, block: blockRequests().length, ledger: rows.length };
    const payloads = await stack.prisma.instantlyEvent.findMany({
      where: {
        exportId: seeded.exportId,
        source: 'webhook',
        eventType: { in: ['reply_received', 'auto_reply_received'] },
      },
      select: { payload: true },
    });
    const summary = await stack.sim.deliver(
      payloads.map((p) => p.payload as never),
      { duplicates: true },
    );
    expect(summary.delivered).toBeGreaterThanOrEqual(payloads.length);
    await new Promise((r) => setTimeout(r, 4000)); // two poll intervals
    expect(interestRequests(seeded.instantlyCampaignId)).toHaveLength(before.interest);
    expect(blockRequests()).toHaveLength(before.block);
    expect(await ledger(seeded.exportId)).toHaveLength(before.ledger);
  });

  it('a newer signal wins; an unconfirmed attempt is re-sent with the same value, a block entry looked up first', async () => {
    const seeded = await stack.prisma.instantlyExport.findFirstOrThrow({
      where: {
        id: {
          in: (
            await stack.prisma.replyWriteBack.findMany({
              where: { interestOutcome: 'written' },
              select: { exportId: true },
            })
          ).map((r) => r.exportId),
        },
      },
    });
    const activities = createReplyWriteBackActivities(testDeps(stack.prisma, stack.env));
    const rows = (await ledger(seeded.id)).filter((r) => r.interest_outcome === 'written' && !r.replaced);
    const [older, resend] = rows;
    expect(older && resend).toBeTruthy();

    // (1) An Instantly signal newer than the reply arrives before the reply was written back: not written.
    const reply = await stack.prisma.instantlyEvent.findUniqueOrThrow({
      where: { id: BigInt(older!.event_id) },
    });
    const newer = await stack.prisma.instantlyEvent.create({
      data: {
        organizationId: reply.organizationId,
        dedupeKey: `test-newer-${older!.event_id}`,
        exportId: reply.exportId,
        businessId: reply.businessId,
        instantlyCampaignId: reply.instantlyCampaignId,
        eventType: 'lead_not_interested',
        occurredAt: new Date(reply.occurredAt.getTime() + 60_000),
        appliedAt: new Date(),
        payload: {},
      },
    });
    await stack.prisma.businessInterestHistory.create({
      data: {
        businessId: reply.businessId!,
        eventId: newer.id,
        source: 'instantly',
        status: 'not_interested',
        occurredAt: newer.occurredAt,
      },
    });
    await stack.prisma.replyWriteBack.delete({ where: { eventId: reply.id } });
    // (2) A written row whose mark was lost: pending with one attempt counted.
    await stack.prisma.replyWriteBack.update({
      where: { eventId: BigInt(resend!.event_id) },
      data: { interestOutcome: 'pending', interestWrittenAt: null },
    });
    // (3) An unsubscribe whose block list answer was lost: one attempt counted, the entry exists at Instantly.
    const unsub = (await ledger(seeded.id)).find((r) => r.label === 'unsubscribe' && !r.replaced)!;
    expect(unsub).toBeDefined();
    await stack.prisma.replyWriteBack.update({
      where: { eventId: BigInt(unsub.event_id) },
      data: { blockOutcome: 'pending', blockWrittenAt: null, blockAttempts: 1 },
    });

    const calls = interestRequests(seeded.instantlyCampaignId!).length;
    const blocks = blockRequests().length;
    const result = await activities.writeBackReplyInterest({ exportId: seeded.id });
    expect(result).toMatchObject({ claimed: 1, interestWritten: 1, blockListed: 1, failed: 0 });
    const after = new Map((await ledger(seeded.id)).map((r) => [r.event_id, r]));
    expect(after.get(older!.event_id)?.interest_outcome).toBe('superseded');
    expect(after.get(resend!.event_id)).toMatchObject({ interest_outcome: 'written', interest_attempts: 2 });
    expect(after.get(unsub.event_id)?.block_outcome).toBe('written');
    const sent = interestRequests(seeded.instantlyCampaignId!).slice(calls);
    expect(sent.map((c) => c.body)).toEqual([
      {
        lead_email: resend!.email,
        interest_value: resend!.interest_value,
        campaign_id: seeded.instantlyCampaignId,
      },
    ]);
    expect(blockRequests()).toHaveLength(blocks); // found by the lookup, not added again

    // Nothing left: a further run sends nothing.
    const again = await activities.writeBackReplyInterest({ exportId: seeded.id });
    expect(again).toEqual({
      claimed: 0,
      suppressed: 0,
      interestWritten: 0,
      blockListed: 0,
      skipped: 0,
      failed: 0,
    });
    expect(interestRequests(seeded.instantlyCampaignId!).length).toBe(calls + 1);
  });
});

import { emailSha256Sql } from '../lib/engagement/pii';
import type { Prisma, PrismaClient } from '../lib/prisma';

type Tx = Prisma.TransactionClient;

// Issue 16: the write-back ledger (gmaps_reply_write_backs). A classified reply gets ONE ledger row, claimed in
// a transaction before Instantly is called; the row records what was decided and, once Instantly accepted it,
// when. Outcomes: pending | written | off | unmapped | superseded | duplicate | no_email | failed.
//
// One reply can be two events: a repair's stand-in (source 'poll', labelled and maybe written back first) and
// the real webhook event that supersedes it later. The real event's part is 'duplicate' when the stand-in's was
// already written; a stand-in still pending when it is superseded is settled 'superseded' (the real event
// carries the reply). So a reply reaches Instantly once either way.

/** The organization's write-back switches (both off when it has no settings row). */
export interface WriteBackSwitches {
  interestWriteBack: boolean;
  blockListWriteBack: boolean;
}

/** What a write-back run needs about an export: its organization, Instantly campaign and switches. */
export interface WriteBackScope extends WriteBackSwitches {
  organizationId: string;
  instantlyCampaignId: string | null;
}

/** The export's organization, Instantly campaign and the organization's switches; null for an unknown export. */
export async function writeBackScope(prisma: PrismaClient, exportId: string): Promise<WriteBackScope | null> {
  const exp = await prisma.instantlyExport.findUnique({
    where: { id: exportId },
    select: {
      organizationId: true,
      instantlyCampaignId: true,
      organization: {
        select: { instantly: { select: { interestWriteBack: true, blockListWriteBack: true } } },
      },
    },
  });
  if (!exp) return null;
  return {
    organizationId: exp.organizationId,
    instantlyCampaignId: exp.instantlyCampaignId,
    interestWriteBack: exp.organization.instantly?.interestWriteBack ?? false,
    blockListWriteBack: exp.organization.instantly?.blockListWriteBack ?? false,
  };
}

/** Serialises the claims of one export (a retried activity may overlap its first attempt). */
async function lockClaims(tx: Tx, exportId: string): Promise<void> {
  await tx.$queryRawUnsafe(
    `SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext('reply-write-back:' || $1::text))`,
    exportId,
  );
}

// The business's latest interest signal (the same order refreshBusinessInterest uses: event time, then id;
// labels that say nothing about interest do not count). A reply is written back only while it is that signal.
const LATEST_SIGNAL_SQL = (businessId: string, noInterest: string) => `(
  SELECT h.event_id FROM gmaps_business_interest_history h
   WHERE h.business_id = ${businessId} AND h.status <> ALL(${noInterest})
   ORDER BY h.occurred_at DESC, h.event_id DESC LIMIT 1)`;

// The address to write: the event's own, else the business's (both NULL after an erasure).
const EMAIL_SQL = `coalesce(nullif(lower(trim(e.lead_email)), ''), nullif(lower(trim(b.email)), ''))`;

// The write-backs of the stand-ins a reply superseded (`p`) are looked up through the business: a stand-in is only
// ever superseded by a real event of its own business (events-supersede.ts), and superseded_by has no index of
// its own, so the business narrows the lookup to a few rows instead of reading every event per candidate.
const CLAIM_SQL = `
WITH candidates AS (
  SELECT e.id, e.export_id, e.business_id, e.reply_label AS label, m.value AS interest_value,
         ${EMAIL_SQL} AS email, ${LATEST_SIGNAL_SQL('e.business_id', '$6::text[]')} AS latest,
         coalesce(p.interest_written, false) AS prior_interest, coalesce(p.block_written, false) AS prior_block
    FROM gmaps_instantly_events e
    LEFT JOIN gmaps_businesses b ON b.id = e.business_id
    LEFT JOIN LATERAL (
      SELECT bool_or(w2.interest_outcome = 'written') AS interest_written,
             bool_or(w2.block_outcome = 'written') AS block_written
        FROM gmaps_instantly_events s JOIN gmaps_reply_write_backs w2 ON w2.event_id = s.id
       WHERE s.business_id = e.business_id AND s.superseded_by = e.id) p ON true
    LEFT JOIN unnest($3::text[], $4::int[]) AS m(label, value) ON m.label = e.reply_label
   WHERE e.export_id = $1::uuid AND e.event_type IN ('reply_received', 'auto_reply_received')
     AND e.reply_label IS NOT NULL AND e.applied_at IS NOT NULL AND e.superseded_by IS NULL
     AND NOT EXISTS (SELECT 1 FROM gmaps_reply_write_backs w WHERE w.event_id = e.id)
   ORDER BY e.id LIMIT $5)
INSERT INTO gmaps_reply_write_backs (event_id, organization_id, export_id, label, interest_value,
  interest_outcome, block_outcome)
SELECT c.id, $2::uuid, c.export_id, c.label, c.interest_value,
  CASE WHEN c.interest_value IS NULL THEN 'unmapped'
       WHEN c.prior_interest THEN 'duplicate'
       WHEN NOT $7::boolean THEN 'off'
       WHEN c.email IS NULL THEN 'no_email'
       WHEN c.business_id IS NOT NULL AND c.latest IS DISTINCT FROM c.id THEN 'superseded'
       ELSE 'pending' END,
  CASE WHEN c.label <> 'unsubscribe' THEN NULL
       WHEN c.prior_block THEN 'duplicate'
       WHEN NOT $8::boolean THEN 'off'
       WHEN c.email IS NULL THEN 'no_email'
       ELSE 'pending' END
  FROM candidates c
ON CONFLICT (event_id) DO NOTHING
RETURNING event_id::text AS event_id, label`;

// Unsubscribe replies: the address joins the organization's suppressions (excluded from its later exports; an
// erasure row stays an erasure), and the ledger row records when.
const SUPPRESS_SQL = `
WITH rows AS (
  SELECT w.event_id, w.organization_id, ${EMAIL_SQL} AS email
    FROM gmaps_reply_write_backs w
    JOIN gmaps_instantly_events e ON e.id = w.event_id
    LEFT JOIN gmaps_businesses b ON b.id = e.business_id
   WHERE w.event_id = ANY($1::bigint[]) AND w.label = 'unsubscribe' AND w.suppressed_at IS NULL),
ins AS (
  INSERT INTO personal_data_suppressions (organization_id, email_sha256, reason)
  SELECT DISTINCT organization_id, ${emailSha256Sql('email')}, 'unsubscribe_reply' FROM rows WHERE email IS NOT NULL
  ON CONFLICT (organization_id, email_sha256) DO NOTHING)
UPDATE gmaps_reply_write_backs w SET suppressed_at = now()
  FROM rows WHERE w.event_id = rows.event_id AND rows.email IS NOT NULL
RETURNING w.event_id::text AS event_id`;

/** What a claim did. */
export interface ClaimResult {
  claimed: number;
  suppressed: number;
}

/**
 * Claims the export's classified replies that have no ledger row yet (≤ limit, oldest first), deciding each one's
 * outcome from the organization's switches, the label's Instantly value and whether it is still its business's
 * newest signal; suppresses the addresses of unsubscribe replies; all in ONE transaction.
 */
export async function claimWriteBacks(
  prisma: PrismaClient,
  exportId: string,
  scope: WriteBackScope,
  values: ReadonlyArray<readonly [string, number]>,
  noInterestLabels: readonly string[],
  limit: number,
): Promise<ClaimResult> {
  return prisma.$transaction(async (tx) => {
    await lockClaims(tx, exportId);
    const claimed = await tx.$queryRawUnsafe<{ event_id: string; label: string }[]>(
      CLAIM_SQL,
      exportId,
      scope.organizationId,
      values.map(([l]) => l),
      values.map(([, v]) => v),
      limit,
      [...noInterestLabels],
      scope.interestWriteBack,
      scope.blockListWriteBack,
    );
    const unsubscribes = claimed.filter((c) => c.label === 'unsubscribe').map((c) => c.event_id);
    const suppressed =
      unsubscribes.length === 0
        ? []
        : await tx.$queryRawUnsafe<{ event_id: string }[]>(SUPPRESS_SQL, unsubscribes);
    return { claimed: claimed.length, suppressed: suppressed.length };
  });
}

/** A ledger row with work left: the interest status and/or the block list entry still to send. */
export interface PendingWriteBack {
  eventId: string;
  label: string;
  interestValue: number | null;
  interestPending: boolean;
  interestAttempts: number;
  blockPending: boolean;
  blockAttempts: number;
  email: string | null;
  /** Still its business's newest interest signal (checked now, not at claim time). */
  latest: boolean;
  /** A repair stand-in that the real event superseded since the claim: the real event carries the reply. */
  replaced: boolean;
}

/** The export's ledger rows still pending (oldest first), with the address (loaded here, never passed around). */
export async function pendingWriteBacks(
  prisma: PrismaClient,
  exportId: string,
  noInterestLabels: readonly string[],
  limit: number,
): Promise<PendingWriteBack[]> {
  const rows = await prisma.$queryRawUnsafe<
    {
      event_id: string;
      label: string;
      interest_value: number | null;
      interest_pending: boolean;
      interest_attempts: number;
      block_pending: boolean;
      block_attempts: number;
      email: string | null;
      latest: boolean;
      replaced: boolean;
    }[]
  >(
    `SELECT w.event_id::text AS event_id, w.label, w.interest_value,
            w.interest_outcome = 'pending' AS interest_pending, w.interest_attempts,
            coalesce(w.block_outcome = 'pending', false) AS block_pending, w.block_attempts,
            ${EMAIL_SQL} AS email,
            (e.business_id IS NULL OR ${LATEST_SIGNAL_SQL('e.business_id', '$2::text[]')} = e.id) AS latest,
            e.superseded_by IS NOT NULL AS replaced
       FROM gmaps_reply_write_backs w
       JOIN gmaps_instantly_events e ON e.id = w.event_id
       LEFT JOIN gmaps_businesses b ON b.id = e.business_id
      WHERE w.export_id = $1::uuid AND (w.interest_outcome = 'pending' OR w.block_outcome = 'pending')
      ORDER BY w.event_id LIMIT $3`,
    exportId,
    [...noInterestLabels],
    limit,
  );
  return rows.map((r) => ({
    eventId: r.event_id,
    label: r.label,
    interestValue: r.interest_value,
    interestPending: r.interest_pending,
    interestAttempts: r.interest_attempts,
    blockPending: r.block_pending,
    blockAttempts: r.block_attempts,
    email: r.email,
    latest: r.latest,
    replaced: r.replaced,
  }));
}

/** Whether any ledger row of the export still waits for its call to Instantly. */
export async function hasPendingWriteBacks(prisma: PrismaClient, exportId: string): Promise<boolean> {
  const rows = await prisma.$queryRawUnsafe<{ pending: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM gmaps_reply_write_backs
      WHERE export_id = $1::uuid AND (interest_outcome = 'pending' OR block_outcome = 'pending')) AS pending`,
    exportId,
  );
  return rows[0]?.pending ?? false;
}

/** Which half of a ledger row. */
export type WriteBackPart = 'interest' | 'block';

/** Counts an attempt BEFORE Instantly is called: a later run then knows the call may have reached Instantly. */
export async function recordWriteBackAttempt(
  prisma: PrismaClient,
  eventId: string,
  part: WriteBackPart,
): Promise<void> {
  await prisma.replyWriteBack.update({
    where: { eventId: BigInt(eventId) },
    data: part === 'interest' ? { interestAttempts: { increment: 1 } } : { blockAttempts: { increment: 1 } },
  });
}

/**
 * Settles a pending half of a ledger row (only while it is still pending: a concurrent run's result stands).
 * `error` is a status code or a short reason, never Instantly's message (it may quote the address).
 */
export async function settleWriteBack(
  prisma: PrismaClient,
  eventId: string,
  part: WriteBackPart,
  outcome: 'written' | 'superseded' | 'off' | 'failed' | 'no_email',
  error?: string,
): Promise<boolean> {
  const at = outcome === 'written' ? new Date() : null;
  const { count } = await prisma.replyWriteBack.updateMany({
    where:
      part === 'interest'
        ? { eventId: BigInt(eventId), interestOutcome: 'pending' }
        : { eventId: BigInt(eventId), blockOutcome: 'pending' },
    data:
      part === 'interest'
        ? { interestOutcome: outcome, interestWrittenAt: at, ...(error ? { lastError: error } : {}) }
        : { blockOutcome: outcome, blockWrittenAt: at, ...(error ? { lastError: error } : {}) },
  });
  return count === 1;
}

/** Records a transient failure on a row that stays pending (the next run retries it). */
export async function noteWriteBackError(
  prisma: PrismaClient,
  eventId: string,
  error: string,
): Promise<void> {
  await prisma.replyWriteBack.update({ where: { eventId: BigInt(eventId) }, data: { lastError: error } });
}

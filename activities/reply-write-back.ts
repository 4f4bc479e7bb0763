import { NO_INTEREST_LABELS } from '../db/replies';
import {
  claimWriteBacks,
  hasPendingWriteBacks,
  noteWriteBackError,
  pendingWriteBacks,
  recordWriteBackAttempt,
  settleWriteBack,
  writeBackScope,
  type PendingWriteBack,
  type WriteBackScope,
} from '../db/reply-write-back';
import { isInstantlyApiError, LABEL_INTEREST_VALUES, type InstantlyClient } from '../lib/instantly';
import type { PrismaClient } from '../lib/prisma';
import type { ActivityDeps } from './deps';
import { heartbeat } from './heartbeat';
import { instantlyCall, toActivityFailure } from './instantly-failures';

/** Ledger rows claimed and sent per call (the next call after the next apply batch continues). */
export const WRITE_BACK_BATCH = 100;

export interface WriteBackInput {
  exportId: string;
}
export interface WriteBackResult {
  /** Classified replies given a ledger row by this call. */
  claimed: number;
  /** Unsubscribe replies whose address joined the organization's suppressions. */
  suppressed: number;
  /** Interest statuses Instantly accepted (202) in this call. */
  interestWritten: number;
  /** Block list entries Instantly confirmed in this call (created, or found after an unanswered attempt). */
  blockListed: number;
  /** Pending rows settled without a call: a newer signal, no address, the switch turned off since the claim. */
  skipped: number;
  /** Rows Instantly refused (4xx): settled as failed, never retried. */
  failed: number;
}

/**
 * Step 1 of the write-back below, PostgreSQL only (the apply activity runs it right after labelling): every
 * classified reply of the export gets its ledger row (≤ {@link WRITE_BACK_BATCH} per call), unsubscribe addresses
 * join the suppressions. `more` says whether a call to Instantly is due: rows are pending, or a full batch was
 * claimed and more may wait. Null when the export does not exist.
 */
export async function claimReplyWriteBacks(prisma: PrismaClient, exportId: string) {
  const scope = await writeBackScope(prisma, exportId);
  if (!scope) return null;
  const claim = await claimWriteBacks(
    prisma,
    exportId,
    scope,
    LABEL_INTEREST_VALUES,
    NO_INTEREST_LABELS,
    WRITE_BACK_BATCH,
  );
  return { scope, ...claim };
}

/** Whether the write-back activity has work after a claim: pending rows, or a full claim (more may wait). */
export async function writeBackDue(
  prisma: PrismaClient,
  exportId: string,
  claim: { claimed: number } | null,
): Promise<boolean> {
  if (!claim) return false;
  return claim.claimed >= WRITE_BACK_BATCH || (await hasPendingWriteBacks(prisma, exportId));
}

/**
 * Write-back of classified replies to Instantly (issue 16), exactly once per reply:
 *
 * 1. claim: every classified reply of the export gets ONE ledger row (`gmaps_reply_write_backs`, primary key =
 *    the event), in a transaction, with its decided outcome (`pending`, or why not: switch off, no Instantly value,
 *    a newer signal, no address). Unsubscribe replies' addresses join the organization's suppressions in the same
 *    transaction. A replayed or duplicated webhook event is one stored event (dedupe key), so one row: no second
 *    call. A row that already exists is never claimed again. A repair's stand-in and the real event that
 *    supersedes it are one reply: the second is 'duplicate' when the first was written (db/reply-write-back.ts).
 * 2. call: for each pending row, the attempt is counted, then Instantly is called through the client (the
 *    workspace governor and the shared rate budget), then the row is marked `written`.
 * 3. a crash or a lost answer between 2's call and mark leaves the row pending: the next run sends the SAME value
 *    again. For the interest status that is safe (setting a lead's status to the value it has is a no-op: the
 *    effect of one call and of two is the same status); for the block list the next run first looks the address
 *    up (`GET /block-lists-entries?search=`) and only adds it when it is not there.
 *
 * The address is loaded here from PostgreSQL (ids in, counts out: no lead email in workflow history or logs).
 */
export function createReplyWriteBackActivities(deps: Pick<ActivityDeps, 'prisma' | 'instantly'>) {
  const { prisma, instantly } = deps;
  return {
    async writeBackReplyInterest(input: WriteBackInput): Promise<WriteBackResult> {
      const result: WriteBackResult = {
        claimed: 0,
        suppressed: 0,
        interestWritten: 0,
        blockListed: 0,
        skipped: 0,
        failed: 0,
      };
      const claim = await claimReplyWriteBacks(prisma, input.exportId);
      if (!claim) return result;
      const { scope } = claim;
      result.claimed = claim.claimed;
      result.suppressed = claim.suppressed;
      const pending = await pendingWriteBacks(prisma, input.exportId, NO_INTEREST_LABELS, WRITE_BACK_BATCH);
      let client: InstantlyClient | undefined;
      const clientOf = async (): Promise<InstantlyClient> =>
        (client ??= await instantlyCall(() => instantly.forOrganization(scope.organizationId)));
      for (const row of pending) {
        if (row.interestPending) await writeInterest(row, scope, clientOf, result);
        if (row.blockPending) await writeBlock(row, scope, clientOf, result);
        heartbeat();
      }
      return result;
    },
  };

  async function writeInterest(
    row: PendingWriteBack,
    scope: WriteBackScope,
    clientOf: () => Promise<InstantlyClient>,
    result: WriteBackResult,
  ): Promise<void> {
    const skip = !scope.interestWriteBack
      ? 'off'
      : !row.email
        ? 'no_email'
        : row.replaced || !row.latest || row.interestValue === null
          ? 'superseded'
          : null;
    if (skip) {
      await settleWriteBack(prisma, row.eventId, 'interest', skip);
      result.skipped += 1;
      return;
    }
    const client = await clientOf();
    await recordWriteBackAttempt(prisma, row.eventId, 'interest');
    await send(row, 'interest', result, () =>
      client.updateLeadInterestStatus({
        lead_email: row.email!,
        interest_value: row.interestValue,
        ...(scope.instantlyCampaignId ? { campaign_id: scope.instantlyCampaignId } : {}),
      }),
    );
  }

  async function writeBlock(
    row: PendingWriteBack,
    scope: WriteBackScope,
    clientOf: () => Promise<InstantlyClient>,
    result: WriteBackResult,
  ): Promise<void> {
    const skip = !scope.blockListWriteBack
      ? 'off'
      : !row.email
        ? 'no_email'
        : row.replaced
          ? 'superseded'
          : null;
    if (skip) {
      await settleWriteBack(prisma, row.eventId, 'block', skip);
      result.skipped += 1;
      return;
    }
    const email = row.email!;
    const client = await clientOf();
    // An earlier attempt may have reached Instantly without its answer reaching us: look before adding again.
    if (row.blockAttempts > 0) {
      const page = await instantlyCall(() => client.listBlockListEntries({ search: email, limit: 100 }));
      if (page.items.some((e) => e.bl_value.trim().toLowerCase() === email)) {
        if (await settleWriteBack(prisma, row.eventId, 'block', 'written')) result.blockListed += 1;
        return;
      }
    }
    await recordWriteBackAttempt(prisma, row.eventId, 'block');
    await send(row, 'block', result, () => client.addBlockListEntry({ bl_value: email }));
  }

  /** One Instantly call of a pending row: written on success, failed on a refusal (4xx), pending otherwise. */
  async function send(
    row: PendingWriteBack,
    part: 'interest' | 'block',
    result: WriteBackResult,
    call: () => Promise<unknown>,
  ): Promise<void> {
    try {
      await call();
    } catch (err) {
      const status = isInstantlyApiError(err) ? err.status : 0;
      const refused = status >= 400 && status < 500 && ![401, 402, 403, 408, 429].includes(status);
      if (refused) {
        await settleWriteBack(prisma, row.eventId, part, 'failed', `HTTP ${status}`);
        result.failed += 1;
        return;
      }
      // Retryable or an auth problem: the row stays pending for the next attempt / the next call.
      await noteWriteBackError(prisma, row.eventId, status ? `HTTP ${status}` : 'network error');
      throw toActivityFailure(err);
    }
    if (await settleWriteBack(prisma, row.eventId, part, 'written')) {
      if (part === 'interest') result.interestWritten += 1;
      else result.blockListed += 1;
    }
  }
}

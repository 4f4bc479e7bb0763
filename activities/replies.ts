import {
  forgetSupersededSignals,
  lockReplies,
  recordInstantlyInterest,
  refreshBusinessInterest,
  storeReplyLabels,
  unlabelledReplies,
} from '../db/replies';
import type { PrismaClient } from '../lib/prisma';
import { CLASSIFIER_VERSION, classifyReply } from '../lib/replies';
import type { ActivityDeps } from './deps';
import { heartbeat } from './heartbeat';

/** Replies labelled per call: one set-based read and one set-based write. */
export const CLASSIFY_BATCH = 500;

export interface ClassifyRepliesInput {
  exportId: string;
}
export interface ClassifyRepliesResult {
  /** Reply events labelled by this call. */
  classified: number;
  /** Instantly interest events newly recorded in the businesses' history. */
  instantlySignals: number;
  /** True when a full batch was labelled: more may be waiting (the next apply batch picks them up). */
  more: boolean;
}

/**
 * Labels the export's unlabelled reply / auto-reply events (≤ {@link CLASSIFY_BATCH}) with the offline
 * classifier, records them and Instantly's own interest events in the business history, and recomputes the
 * businesses' latest label and interest, in ONE transaction. Idempotent: only unlabelled rows are written and
 * history has one row per event, so a retry or an overlapping call changes nothing twice. Used by the activity
 * and by the sync, which labels what it applied before delivering it to subscribers.
 */
export async function labelExportReplies(
  prisma: PrismaClient,
  exportId: string,
): Promise<ClassifyRepliesResult> {
  return prisma.$transaction(
    async (tx) => {
      await lockReplies(tx, exportId);
      const replies = await unlabelledReplies(tx, exportId, CLASSIFY_BATCH);
      const rows = replies.map((r) => {
        const c = classifyReply({
          text: r.text,
          subject: r.subject ?? undefined,
          auto: r.event_type === 'auto_reply_received',
          receivedAt: r.occurred_at,
        });
        return { id: r.id, label: c.label, confidence: c.confidence, returnDate: c.returnDate };
      });
      heartbeat();
      const fromReplies = await storeReplyLabels(tx, rows, CLASSIFIER_VERSION);
      const fromInstantly = await recordInstantlyInterest(tx, exportId);
      const superseded = await forgetSupersededSignals(tx, exportId);
      await refreshBusinessInterest(tx, [...fromReplies, ...fromInstantly, ...superseded]);
      return {
        classified: rows.length,
        instantlySignals: fromInstantly.length,
        more: replies.length === CLASSIFY_BATCH,
      };
    },
    { timeout: 60_000 },
  );
}

/** Reply classification activities (issue 16). */
export function createReplyActivities(deps: Pick<ActivityDeps, 'prisma'>) {
  const { prisma } = deps;
  return {
    /** Labels the export's newly applied replies: {@link labelExportReplies}. Reply text stays in PostgreSQL. */
    async classifyReplies(input: ClassifyRepliesInput): Promise<ClassifyRepliesResult> {
      return labelExportReplies(prisma, input.exportId);
    },
  };
}

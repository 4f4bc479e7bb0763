import { Router } from 'express';
import { z } from 'zod';
import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import { pgText } from '../../contracts/schemas/pg-safe';
import { campaignOwned, labelledReplies, replyLabelCounts } from '../../db/replies-read';
import { REPLY_LABELS } from '../../lib/replies';
import type { ApiDeps } from '../deps';
import { HttpError } from '../errors';
import { parseOr400 } from '../middleware/validate';

export const params = z.object({ campaignId: z.uuid('campaignId must be a UUID') });
const labelList = pgText(200)
  .transform((s) => s.split(',').map((l) => l.trim()))
  .pipe(z.array(z.enum(REPLY_LABELS)).min(1));
// opaque to callers: "<rank>.<event id>"; split by hand, no regex
const cursor = pgText(24).transform((s, ctx) => {
  const [rank, id, extra] = s.split('.');
  const digits = (v: string | undefined) =>
    !!v && v.length <= 19 && [...v].every((c) => c >= '0' && c <= '9');
  if (
    (rank !== '0' && rank !== '1') ||
    !digits(id) ||
    extra !== undefined ||
    BigInt(id!) > 9223372036854775807n
  ) {
    ctx.addIssue({ code: 'custom', message: 'not a cursor this API issued' });
    return z.NEVER;
  }
  return { rank: Number(rank), id: id! };
});
export const query = z.object({
  label: labelList.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: cursor.optional(),
});

const orgOf = (locals: Record<string, unknown>): string =>
  typeof locals.organizationId === 'string' ? locals.organizationId : DEFAULT_ORGANIZATION_ID;

/**
 * GET /campaigns/:campaignId/replies/labelled?label=interested,question&limit&cursor — the reply inbox with
 * labels, interested first then newest first; GET /campaigns/:campaignId/replies/labels — replies per label.
 * Scoped to the caller's organization (404 for another organization's campaign).
 */
export function replyInboxRoutes({ prisma }: ApiDeps): Router {
  const router = Router();
  router.get('/campaigns/:campaignId/replies/labelled', async (req, res) => {
    const { campaignId } = parseOr400(params, req.params, 'params');
    const q = parseOr400(query, req.query, 'query');
    const organizationId = orgOf(res.locals);
    if (!(await campaignOwned(prisma, campaignId, organizationId))) throw notFound();
    const rows = await labelledReplies(prisma, {
      campaignId,
      organizationId,
      labels: q.label ?? null,
      after: q.cursor ?? null,
      limit: q.limit,
    });
    const items = rows.map((r) => ({
      id: r.id,
      businessId: r.business_id,
      exportId: r.export_id,
      auto: r.event_type === 'auto_reply_received',
      email: r.email,
      replyText: r.reply_text,
      replySubject: r.reply_subject,
      repliedAt: r.replied_at,
      label: r.label,
      confidence: r.confidence,
      classifierVersion: r.classifier_version,
      returnDate: r.return_date ? r.return_date.toISOString().slice(0, 10) : null,
    }));
    const last = rows[rows.length - 1];
    res.json({ items, nextCursor: rows.length === q.limit && last ? `${last.rank}.${last.id}` : null });
  });
  router.get('/campaigns/:campaignId/replies/labels', async (req, res) => {
    const { campaignId } = parseOr400(params, req.params, 'params');
    const counts = await replyLabelCounts(prisma, campaignId, orgOf(res.locals));
    if (!counts) throw notFound();
    const byLabel = new Map(counts.map((c) => [c.label, c.replies]));
    res.json({ labels: REPLY_LABELS.map((label) => ({ label, replies: byLabel.get(label) ?? 0 })) });
  });
  return router;
}

const notFound = () => new HttpError(404, 'not_found', 'no such campaign');

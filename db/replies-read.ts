import type { PrismaClient } from '../lib/prisma';

/** One row of the labelled reply inbox. */
export interface LabelledReplyRow {
  id: string;
  rank: number;
  business_id: string | null;
  export_id: string;
  event_type: string;
  email: string | null;
  reply_text: string | null;
  reply_subject: string | null;
  replied_at: Date;
  label: string;
  confidence: number | null;
  classifier_version: string | null;
  return_date: Date | null;
}

// Replies of a campaign's exports, scoped by organization; interested first (rank 0), then newest first.
const INBOX_SQL = `
SELECT * FROM (
  SELECT e.id::text AS id, CASE WHEN e.reply_label = 'interested' THEN 0 ELSE 1 END AS rank,
         e.business_id::text AS business_id, e.export_id::text AS export_id, e.event_type, e.lead_email AS email,
         coalesce(e.payload->>'reply_text', e.payload->>'reply_text_snippet') AS reply_text,
         e.payload->>'reply_subject' AS reply_subject, e.occurred_at AS replied_at, e.reply_label AS label,
         e.reply_confidence AS confidence, e.reply_classifier_version AS classifier_version,
         e.reply_return_date AS return_date, e.id AS sort_id
    FROM gmaps_instantly_events e
    JOIN gmaps_instantly_campaigns x ON x.id = e.export_id
    JOIN gmaps_campaigns c ON c.id = x.campaign_id
   WHERE c.id = $1::uuid AND c.organization_id = $2::uuid
     AND e.event_type IN ('reply_received', 'auto_reply_received') AND e.applied_at IS NOT NULL
     AND e.superseded_by IS NULL AND e.reply_label IS NOT NULL
     AND ($3::text[] IS NULL OR e.reply_label = ANY($3::text[]))
) r
WHERE $4::int IS NULL OR r.rank > $4::int OR (r.rank = $4::int AND r.sort_id < $5::bigint)
ORDER BY r.rank, r.sort_id DESC
LIMIT $6`;

/** The labelled reply inbox page after `cursor` (rank and id of the last row seen). */
export function labelledReplies(
  prisma: PrismaClient,
  q: {
    campaignId: string;
    organizationId: string;
    labels: string[] | null;
    after: { rank: number; id: string } | null;
    limit: number;
  },
): Promise<LabelledReplyRow[]> {
  return prisma.$queryRawUnsafe<LabelledReplyRow[]>(
    INBOX_SQL,
    q.campaignId,
    q.organizationId,
    q.labels,
    q.after?.rank ?? null,
    q.after?.id ?? null,
    q.limit,
  );
}

/** Replies per label for a campaign (organization-scoped); null when the campaign is not the organization's. */
export async function replyLabelCounts(
  prisma: PrismaClient,
  campaignId: string,
  organizationId: string,
): Promise<Array<{ label: string; replies: number }> | null> {
  if (!(await campaignOwned(prisma, campaignId, organizationId))) return null;
  return prisma.$queryRawUnsafe<Array<{ label: string; replies: number }>>(
    `SELECT e.reply_label AS label, count(*)::int AS replies
       FROM gmaps_instantly_events e JOIN gmaps_instantly_campaigns x ON x.id = e.export_id
      WHERE x.campaign_id = $1::uuid AND e.reply_label IS NOT NULL AND e.superseded_by IS NULL
        AND e.applied_at IS NOT NULL
      GROUP BY 1 ORDER BY 1`,
    campaignId,
  );
}

/** Whether the campaign belongs to the organization. */
export async function campaignOwned(
  prisma: PrismaClient,
  campaignId: string,
  organizationId: string,
): Promise<boolean> {
  const rows = await prisma.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id::text AS id FROM gmaps_campaigns WHERE id = $1::uuid AND organization_id = $2::uuid`,
    campaignId,
    organizationId,
  );
  return rows.length > 0;
}

import type { PrismaClient } from '../lib/prisma';

/** Where a page of the campaign list starts: after this campaign in (createdAt DESC, id DESC) order. */
export interface CampaignCursor {
  createdAt: Date;
  id: string;
}

/** One row of GET /api/campaigns (the shared contract of this round). */
export interface CampaignListItem {
  id: string;
  name: string;
  createdAt: string;
  businesses: number;
  withEmail: number;
  lastExport: { id: string; status: string; instantlyCampaignId: string | null; createdAt: string } | null;
}

// The page of campaigns is chosen first (index (organization_id, created_at)); only then are its businesses
// counted and its last export looked up, so a page costs `limit` small lookups however many campaigns exist.
// The name filter is a substring match by strpos (the input is data, never a LIKE pattern).
const LIST_SQL = `
SELECT c.id::text AS id, c.name, c.created_at, n.businesses, n.with_email,
  le.id::text AS export_id, le.status AS export_status, le.instantly_campaign_id, le.created_at AS export_created_at
FROM (
  SELECT id, name, created_at FROM gmaps_campaigns
  WHERE organization_id = $1::uuid
    AND ($2::text IS NULL OR strpos(lower(name), lower($2::text)) > 0)
    AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
  ORDER BY created_at DESC, id DESC LIMIT $5::int
) c
CROSS JOIN LATERAL (
  SELECT count(*)::int AS businesses,
    (count(*) FILTER (WHERE b.email IS NOT NULL AND btrim(b.email) <> ''))::int AS with_email
  FROM gmaps_businesses b WHERE b.campaign_id = c.id
) n
LEFT JOIN LATERAL (
  SELECT id, status, instantly_campaign_id, created_at FROM gmaps_instantly_campaigns e
  WHERE e.campaign_id = c.id ORDER BY e.created_at DESC, e.id DESC LIMIT 1
) le ON true
ORDER BY c.created_at DESC, c.id DESC`;

interface Row {
  id: string;
  name: string;
  created_at: Date;
  businesses: number;
  with_email: number;
  export_id: string | null;
  export_status: string | null;
  instantly_campaign_id: string | null;
  export_created_at: Date | null;
}

/** A page of an organization's campaigns, newest first, with counts and the last export. */
export async function listCampaigns(
  prisma: PrismaClient,
  organizationId: string,
  q: { limit: number; cursor?: CampaignCursor; q?: string },
): Promise<{ items: CampaignListItem[]; next: CampaignCursor | null }> {
  const rows = await prisma.$queryRawUnsafe<Row[]>(
    LIST_SQL,
    organizationId,
    q.q ?? null,
    q.cursor?.createdAt ?? null,
    q.cursor?.id ?? null,
    q.limit,
  );
  const items = rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at.toISOString(),
    businesses: r.businesses,
    withEmail: r.with_email,
    lastExport:
      r.export_id === null
        ? null
        : {
            id: r.export_id,
            status: r.export_status ?? 'unknown',
            instantlyCampaignId: r.instantly_campaign_id,
            createdAt: (r.export_created_at ?? r.created_at).toISOString(),
          },
  }));
  const last = rows[rows.length - 1];
  return {
    items,
    next: rows.length === q.limit && last ? { createdAt: last.created_at, id: last.id } : null,
  };
}

import { emailSha256Sql } from '../lib/engagement/pii';
import type { PrismaClient } from '../lib/prisma';

/** The business columns an export reads (the seed plan's names, via Prisma's camelCase fields). */
export interface BusinessRow {
  id: string;
  name: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  website: string | null;
  category: string | null;
  city: string | null;
  state: string | null;
  rating: number | null;
  reviewsCount: number | null;
  icebreaker: string | null;
  subjectLine: string | null;
  [column: string]: unknown;
}

/**
 * The eligibility rule every export uses: a business of the campaign ($1) with a non-empty email, first row per
 * normalised (lower-cased, trimmed) email, unless that address is suppressed in the campaign's organization:
 * it bounced or unsubscribed in a campaign of the same organization, or its personal data was erased there
 * (personal_data_suppressions, by hash). Another organization's bounces and erasures do not hold a lead back.
 * Both probes are per lead through an index (gmaps_businesses_email_key_idx, the suppressions' primary key).
 */
export const ELIGIBLE_LEADS_CTE = `
  with_email AS (
    SELECT b.id, lower(trim(b.email)) AS email_key,
           row_number() OVER (PARTITION BY lower(trim(b.email)) ORDER BY b.created_at, b.id) AS rn
    FROM gmaps_businesses b
    WHERE b.campaign_id = $1::uuid AND b.email IS NOT NULL AND trim(b.email) <> ''
  ),
  scope AS (SELECT organization_id FROM gmaps_campaigns WHERE id = $1::uuid),
  suppressed AS (
    SELECT w.email_key AS e FROM with_email w
    WHERE w.rn = 1 AND (
      EXISTS (SELECT 1 FROM gmaps_businesses o JOIN gmaps_campaigns oc ON oc.id = o.campaign_id
              WHERE lower(trim(o.email)) = w.email_key
                AND (o.instantly_bounced_at IS NOT NULL OR o.instantly_unsubscribed_at IS NOT NULL)
                AND oc.organization_id = (SELECT organization_id FROM scope))
      OR EXISTS (SELECT 1 FROM personal_data_suppressions s
                 WHERE s.organization_id = (SELECT organization_id FROM scope)
                   AND s.email_sha256 = ${emailSha256Sql('w.email_key')}))
  )`;

/** The columns a lead is built from (the seed plan's names). */
const LEAD_COLUMNS = [
  'id',
  'name',
  'email',
  'first_name',
  'last_name',
  'phone',
  'website',
  'category',
  'city',
  'state',
  'rating',
  'reviews_count',
  'icebreaker',
  'subject_line',
];

/** snake_case column → Prisma's camelCase field. */
export const camelColumn = (column: string): string =>
  column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * The leads of one batch of an export's plan (pre-flight writes it, upload sends it): every column a lead is
 * built from plus the `extra` columns (checked against businessColumns() by the caller: they are quoted
 * identifiers here), in business-id order, keys in Prisma's camelCase.
 */
export async function planBatchLeads(
  prisma: PrismaClient,
  exportId: string,
  batchNo: number,
  extra: readonly string[],
): Promise<BusinessRow[]> {
  // Aliased to Prisma's camelCase in SQL: no per-row key mapping in JS.
  const columns = [...LEAD_COLUMNS, ...extra.filter((c) => !LEAD_COLUMNS.includes(c))]
    .map((c) => `b."${c}" AS "${camelColumn(c)}"`)
    .join(', ');
  return prisma.$queryRawUnsafe<BusinessRow[]>(
    `SELECT ${columns}
       FROM gmaps_instantly_export_batch_plans p
       JOIN gmaps_businesses b ON b.id = ANY (p.business_ids)
      WHERE p.export_id = $1::uuid AND p.batch_no = $2::int
      ORDER BY b.id`,
    exportId,
    batchNo,
  );
}

/** The column names of gmaps_businesses in the connected schema (what extraVariables may name). */
export async function businessColumns(prisma: PrismaClient): Promise<Set<string>> {
  const rows = await prisma.$queryRawUnsafe<{ column_name: string }[]>(
    `SELECT column_name FROM information_schema.columns
      WHERE table_name = 'gmaps_businesses' AND table_schema = current_schema()`,
  );
  return new Set(rows.map((r) => r.column_name));
}

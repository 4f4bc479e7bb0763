import { flattenCustomVariables, templateVariables } from '../lib/instantly/mapping';
import type { AddLeadsBody } from '../lib/instantly';
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

export type InstantlyLead = AddLeadsBody['leads'][number];

/** Variables Instantly fills itself (sender and system merge tags): always available. */
const SYSTEM_VARIABLES =
  /^(sendingAccount\w*|accountSignature|signature|unsubscribe\w*|RANDOM|DATE|time\w*|day\w*)$/;

const EMAIL =
  /^[^\s@"<>(),;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** snake_case column → Prisma's camelCase field. */
const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Maps one business to an Instantly lead: built-ins plus the seed's template variables as custom_variables
 * (icebreaker, subject_line, business_category, business_location, business_rating, business_reviews) and any
 * extra columns the request names. Variable defaults fill empty values.
 */
export function toInstantlyLead(
  b: BusinessRow,
  extraVariables: string[] = [],
  defaults: Record<string, string> = {},
): InstantlyLead {
  const location = [b.city, b.state].filter(Boolean).join(', ');
  const custom: Record<string, unknown> = {
    icebreaker: b.icebreaker,
    subject_line: b.subjectLine,
    business_category: b.category,
    business_location: location || null,
    business_rating: b.rating,
    business_reviews: b.reviewsCount,
  };
  for (const column of extraVariables) custom[column] = b[camel(column)] ?? b[column] ?? null;
  for (const [key, value] of Object.entries(defaults))
    if (key in custom && isEmpty(custom[key])) custom[key] = value;
  const pick = (key: string, value: string | null) => (isEmpty(value) ? (defaults[key] ?? null) : value);
  return {
    email: (b.email ?? '').trim(),
    first_name: pick('firstName', b.firstName),
    last_name: pick('lastName', b.lastName),
    company_name: pick('companyName', b.name),
    website: pick('website', b.website),
    phone: pick('phone', b.phone),
    personalization: pick('personalization', b.icebreaker),
    custom_variables: custom as InstantlyLead['custom_variables'],
  };
}

const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** The variables a lead offers to Instantly's {{merge}} tags, by their Instantly names. */
function leadVariables(lead: InstantlyLead): Record<string, unknown> {
  return {
    email: lead.email,
    firstName: lead.first_name,
    lastName: lead.last_name,
    companyName: lead.company_name,
    website: lead.website,
    phone: lead.phone,
    personalization: lead.personalization,
    ...(lead.custom_variables ?? {}),
  };
}

/** Every {{variable}} used by the subjects and bodies of a sequence. */
export function sequenceVariables(texts: string[]): string[] {
  const names = new Set<string>();
  for (const t of texts) for (const n of templateVariables(t)) names.add(n);
  return [...names].filter((n) => !SYSTEM_VARIABLES.test(n)).sort();
}

/** Pre-flight verdict for one lead: null = exportable, else the ledger outcome and reason. */
export function preflightLead(
  lead: InstantlyLead,
  variables: string[],
): { outcome: 'invalid' | 'skipped'; reason: string } | null {
  if (!EMAIL.test(lead.email ?? '')) return { outcome: 'invalid', reason: 'invalid email syntax' };
  const values = leadVariables(lead);
  const missing = variables.filter((v) => isEmpty(values[v]));
  if (missing.length)
    return { outcome: 'skipped', reason: `missing ${missing.map((m) => `{{${m}}}`).join(', ')}` };
  const flat = flattenCustomVariables(lead.custom_variables ?? {});
  if (flat.errors.length)
    return {
      outcome: 'skipped',
      reason: `custom variable ${flat.errors[0]!.key}: ${flat.errors[0]!.reason}`,
    };
  return null;
}

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

/**
 * The leads of one batch of an export's plan (pre-flight writes it, upload sends it): every column a lead is
 * built from plus the checked `extra` columns, in business-id order, keys in Prisma's camelCase.
 */
export async function planBatchLeads(
  prisma: PrismaClient,
  exportId: string,
  batchNo: number,
  extra: string[],
): Promise<BusinessRow[]> {
  // Aliased to Prisma's camelCase in SQL: no per-row key mapping in JS.
  const columns = [...LEAD_COLUMNS, ...extra.filter((c) => !LEAD_COLUMNS.includes(c))]
    .map((c) => `b."${c}" AS "${camel(c)}"`)
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

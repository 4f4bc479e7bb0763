import { scanPlaceholders } from '../contracts/placeholders';
import type { ExportRequest } from '../contracts/schemas/export-request';
import type { TemplateStep } from '../contracts/templates';
import {
  leadVariables,
  sequenceVariables,
  toInstantlyLead,
  type BusinessRow,
} from '../activities/export-leads';
import { resolveSequence, sequenceTexts } from '../activities/export-row';
import { campaignExists } from './campaigns';
import type { PrismaClient } from '../lib/prisma';

// A variable → the SQL expression of its value on a business row (b). The same values toInstantlyLead gives a
// lead; a Map because variable names come from the request. Extra columns were checked against
// BUSINESS_COLUMNS by the request schema and are added quoted.
const BUILT_IN = new Map<string, string>([
  ['email', 'b.email'],
  ['firstName', 'b.first_name'],
  ['lastName', 'b.last_name'],
  ['companyName', 'b.name'],
  ['website', 'b.website'],
  ['phone', 'b.phone'],
  ['personalization', 'b.icebreaker'],
  ['icebreaker', 'b.icebreaker'],
  ['subject_line', 'b.subject_line'],
  ['business_category', 'b.category'],
  ['business_location', "concat_ws(', ', nullif(b.city, ''), nullif(b.state, ''))"],
  ['business_rating', 'b.rating::text'],
  ['business_reviews', 'b.reviews_count::text'],
]);

/** Every variable a lead offers (built-ins first, then the request's extra columns). */
export const availableVariables = (extra: readonly string[]): string[] => [
  ...BUILT_IN.keys(),
  ...extra.filter((c) => !BUILT_IN.has(c)),
];

const exprOf = (variable: string, extra: readonly string[]): string | undefined =>
  BUILT_IN.get(variable) ?? (extra.includes(variable) ? `b."${variable}"::text` : undefined);

const LEAD_SELECT = `b.id::text AS id, b.name, b.email, b.first_name AS "firstName", b.last_name AS "lastName",
  b.phone, b.website, b.category, b.city, b.state, b.rating, b.reviews_count AS "reviewsCount", b.icebreaker,
  b.subject_line AS "subjectLine"`;

/** What the export modal shows before anything is written: how many leads lack each variable, one rendered lead. */
export async function exportPreview(
  prisma: PrismaClient,
  campaignId: string,
  opts: {
    steps: readonly TemplateStep[];
    variables: string[];
    extra: string[];
    defaults: Record<string, string>;
  },
) {
  const defaulted = new Map(Object.entries(opts.defaults).filter(([, v]) => v.trim() !== ''));
  // Unknown variables (no column behind them) are missing on every lead unless defaulted.
  const checked = opts.variables.filter((v) => !defaulted.has(v));
  const known = checked.filter((v) => exprOf(v, opts.extra) !== undefined);
  const missingOf = (v: string) =>
    `(${exprOf(v, opts.extra)!} IS NULL OR btrim(${exprOf(v, opts.extra)!}) = '')`;
  const anyMissing = known.length ? known.map(missingOf).join(' OR ') : 'false';
  const unknown = checked.filter((v) => exprOf(v, opts.extra) === undefined);
  const extraSelect = opts.extra.map((c) => `, b."${c}"::text AS "x_${c}"`).join('');
  const counts = await prisma.$queryRawUnsafe<Array<Record<string, number>>>(
    `SELECT count(*)::int AS leads, (count(*) FILTER (WHERE ${anyMissing}))::int AS any_missing
      ${known.map((v, i) => `, (count(*) FILTER (WHERE ${missingOf(v)}))::int AS m${i}`).join('')}
     FROM gmaps_businesses b WHERE b.campaign_id = $1::uuid AND b.email IS NOT NULL AND btrim(b.email) <> ''`,
    campaignId,
  );
  const c = counts[0] ?? {};
  const leads = Number(c.leads ?? 0);
  const byVariable = [
    ...known.map((variable, i) => ({ variable, leads: Number(c[`m${i}`] ?? 0) })),
    ...unknown.map((variable) => ({ variable, leads })),
  ].filter((m) => m.leads > 0);
  // The preview lead: the first one (by id) that has every variable, else the first one with an e-mail.
  const rows = await prisma.$queryRawUnsafe<BusinessRow[]>(
    `SELECT ${LEAD_SELECT}${extraSelect} FROM gmaps_businesses b
     WHERE b.campaign_id = $1::uuid AND b.email IS NOT NULL AND btrim(b.email) <> ''
     ORDER BY ${known.length ? `(${anyMissing}) ASC, ` : ''}b.id LIMIT 1`,
    campaignId,
  );
  const row = rows[0];
  let sample = null;
  if (row) {
    const withExtra: BusinessRow = { ...row };
    for (const col of opts.extra) withExtra[col] = (row as Record<string, unknown>)[`x_${col}`] ?? null;
    const lead = toInstantlyLead(withExtra, opts.extra, opts.defaults);
    const values = leadVariables(lead);
    const first = opts.steps[0];
    sample = {
      businessId: row.id,
      businessName: row.name,
      subject: first ? render(first.subject, values) : '',
      body: first ? render(first.body, values) : '',
    };
  }
  const leadsMissingAny = unknown.length ? leads : Number(c.any_missing ?? 0);
  return { leadsWithEmail: leads, leadsMissingAny, byVariable, sample };
}

/** Fills `{{name}}` with the lead's value ('' when empty, as Instantly sends it); system tags stay as written. */
function render(text: string, values: ReadonlyMap<string, unknown>): string {
  let out = '';
  let at = 0;
  for (const p of scanPlaceholders(text).placeholders) {
    out += text.slice(at, p.start);
    out += values.has(p.name) ? valueText(values.get(p.name)) : text.slice(p.start, p.end);
    at = p.end;
  }
  return out + text.slice(at);
}

/** A lead's variable value as Instantly writes it into the text (strings and numbers; nothing for empty). */
function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * The preview of an export request for a campaign of the organization: null when the campaign is not the
 * organization's (the route answers 404); otherwise the variables the sequence uses, those a lead offers, and
 * exportPreview's counts and sample.
 */
export async function previewExportRequest(
  prisma: PrismaClient,
  organizationId: string,
  campaignId: string,
  request: ExportRequest,
) {
  if (!(await campaignExists(prisma, organizationId, campaignId))) return null;
  const steps = resolveSequence(request);
  const extra = request.extraVariables ?? [];
  const variables = sequenceVariables(sequenceTexts(steps));
  const preview = await exportPreview(prisma, campaignId, {
    steps,
    variables,
    extra,
    defaults: request.variableDefaults ?? {},
  });
  return { variables, available: availableVariables(extra), ...preview };
}

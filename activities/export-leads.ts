import { flattenCustomVariables, templateVariables } from '../lib/instantly/mapping';
import { camelColumn, type BusinessRow } from '../db/leads';
import type { AddLeadsBody } from '../lib/instantly';

export type { BusinessRow };

export type InstantlyLead = AddLeadsBody['leads'][number];

/** Variables Instantly fills itself (sender and system merge tags): always available. */
const SYSTEM_VARIABLES =
  /^(sendingAccount\w*|accountSignature|signature|unsubscribe\w*|RANDOM|DATE|time\w*|day\w*)$/;

const EMAIL =
  /^[^\s@"<>(),;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/**
 * Maps one business to an Instantly lead: built-ins plus the seed's template variables as custom_variables
 * (icebreaker, subject_line, business_category, business_location, business_rating, business_reviews) and any
 * extra columns the request names. Variable defaults fill empty values.
 */
export function toInstantlyLead(
  b: BusinessRow,
  extraVariables: string[] = [],
  defaults: Readonly<Record<string, string>> = {},
): InstantlyLead {
  // Outside names (extra columns, default keys, template variables) are only ever looked up in Maps: as keys
  // of a plain object, `constructor` or `toString` would find Object.prototype's members.
  const fallback = new Map(Object.entries(defaults));
  const row = new Map(Object.entries(b));
  const location = [b.city, b.state].filter(Boolean).join(', ');
  const custom = new Map<string, unknown>([
    ['icebreaker', b.icebreaker],
    ['subject_line', b.subjectLine],
    ['business_category', b.category],
    ['business_location', location || null],
    ['business_rating', b.rating],
    ['business_reviews', b.reviewsCount],
  ]);
  for (const column of extraVariables)
    custom.set(column, row.get(camelColumn(column)) ?? row.get(column) ?? null);
  for (const [key, value] of fallback)
    if (custom.has(key) && isEmpty(custom.get(key))) custom.set(key, value);
  const pick = (key: string, value: string | null) => (isEmpty(value) ? (fallback.get(key) ?? null) : value);
  return {
    email: (b.email ?? '').trim(),
    first_name: pick('firstName', b.firstName),
    last_name: pick('lastName', b.lastName),
    company_name: pick('companyName', b.name),
    website: pick('website', b.website),
    phone: pick('phone', b.phone),
    personalization: pick('personalization', b.icebreaker),
    custom_variables: Object.fromEntries(custom) as InstantlyLead['custom_variables'],
  };
}

const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** The variables a lead offers to Instantly's {{merge}} tags, by their Instantly names. */
export function leadVariables(lead: InstantlyLead): Map<string, unknown> {
  return new Map<string, unknown>([
    ['email', lead.email],
    ['firstName', lead.first_name],
    ['lastName', lead.last_name],
    ['companyName', lead.company_name],
    ['website', lead.website],
    ['phone', lead.phone],
    ['personalization', lead.personalization],
    ...Object.entries(lead.custom_variables ?? {}),
  ]);
}

/** Every {{variable}} used by the subjects and bodies of a sequence. */
export function sequenceVariables(texts: string[]): string[] {
  const names = new Set<string>();
  for (const t of texts) for (const n of templateVariables(t)) names.add(n);
  return [...names].filter((n) => !SYSTEM_VARIABLES.test(n)).sort();
}

/** RFC 5321's limit; longer strings are refused before the regex sees them. */
const MAX_EMAIL = 254;

/** Pre-flight verdict for one lead: null = exportable, else the ledger outcome and reason. */
export function preflightLead(
  lead: InstantlyLead,
  variables: string[],
): { outcome: 'invalid' | 'skipped'; reason: string } | null {
  const email = lead.email ?? '';
  if (email.length > MAX_EMAIL || !EMAIL.test(email))
    return { outcome: 'invalid', reason: 'invalid email syntax' };
  const values = leadVariables(lead);
  const missing = variables.filter((v) => isEmpty(values.get(v)));
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

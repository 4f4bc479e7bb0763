import { z } from 'zod';
import { isoNow, uuidv7 } from '../core/ids';
import type { LeadTarget, WorkspaceState } from '../state/workspace';
import type { LeadRecord } from '../types';
import { optText, uuid } from './common';

/** Custom variable values: string, number, boolean or null — never objects or arrays (§3.2). */
const customVariables = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

const INTEREST = [1, 2, 3, 4, 0, -1, -2, -3, -4];

const leadFields = {
  email: optText,
  first_name: optText,
  last_name: optText,
  company_name: optText,
  job_title: optText,
  phone: optText,
  website: optText,
  personalization: optText,
  lt_interest_status: z
    .number()
    .int()
    .refine((n) => INTEREST.includes(n), { message: 'must be equal to one of the allowed values' })
    .optional(),
  pl_value_lead: optText,
  assigned_to: uuid.nullable().optional(),
  custom_variables: customVariables.optional(),
};

const skipFlags = {
  skip_if_in_workspace: z.boolean().optional(),
  skip_if_in_campaign: z.boolean().optional(),
  skip_if_in_list: z.boolean().optional(),
};

/** One element of `leads` in `POST /leads/add`. */
export const bulkLeadSchema = z.strictObject(leadFields);

/** `POST /api/v2/leads` (one lead; the campaign field is `campaign`, not `campaign_id`). */
export const createLeadSchema = z.strictObject({
  ...leadFields,
  ...skipFlags,
  campaign: uuid.nullable().optional(),
  list_id: uuid.nullable().optional(),
  blocklist_id: z.string().optional(),
  verify_leads_for_lead_finder: z.boolean().optional(),
  verify_leads_on_import: z.boolean().optional(),
});

/** `POST /api/v2/leads/add` (1–1000 leads, exactly one of `campaign_id` / `list_id`, checked after parsing). */
// Not strict: the document sets additionalProperties: false on each lead, not on the request itself.
export const bulkAddSchema = z.object({
  ...skipFlags,
  leads: z.array(bulkLeadSchema).min(1).max(1000),
  campaign_id: uuid.optional(),
  list_id: uuid.optional(),
  blocklist_id: uuid.nullable().optional(),
  assigned_to: uuid.optional(),
  verify_leads_on_import: z.boolean().optional(),
});

/** A parsed lead input. */
export type LeadInput = z.output<typeof bulkLeadSchema>;

/** A pragmatic email syntax check (Instantly's exact rule is not documented). */
export function isValidEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email);
}

/** Engagement fields of a lead that has not been contacted yet. */
const NO_ENGAGEMENT = {
  email_open_count: 0,
  email_reply_count: 0,
  email_click_count: 0,
  email_opened_step: null,
  email_opened_variant: null,
  email_replied_step: null,
  email_replied_variant: null,
  email_clicked_step: null,
  email_clicked_variant: null,
  timestamp_last_contact: null,
  timestamp_last_open: null,
  timestamp_last_reply: null,
  timestamp_last_click: null,
  timestamp_last_touch: null,
  last_step_timestamp_executed: null,
} as const;

/** Builds and stores a new active lead (status 1) from an input. */
export function storeLead(
  ws: WorkspaceState,
  target: LeadTarget,
  input: LeadInput,
  verifying: boolean,
): LeadRecord {
  const now = isoNow();
  const text = (v: string | null | undefined): string | null => (v === undefined || v === null ? null : v);
  const lead: LeadRecord = {
    id: uuidv7(),
    timestamp_created: now,
    timestamp_updated: now,
    organization: ws.id,
    campaign: target.campaign,
    list_id: target.list_id,
    status: 1,
    email: input.email ? input.email.trim() : null,
    first_name: text(input.first_name),
    last_name: text(input.last_name),
    company_name: text(input.company_name),
    job_title: text(input.job_title),
    phone: text(input.phone),
    website: text(input.website),
    personalization: text(input.personalization),
    custom_variables: { ...(input.custom_variables ?? {}) },
    lt_interest_status: input.lt_interest_status ?? null,
    pl_value_lead: text(input.pl_value_lead),
    assigned_to: input.assigned_to ?? null,
    verification_status: verifying ? 12 : null,
    upload_method: 'api',
    ...NO_ENGAGEMENT,
  };
  ws.addLead(lead);
  return lead;
}

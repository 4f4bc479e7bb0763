import { z } from 'zod';
import type { CustomVariables } from '../body-types';
import { optionalNumber, optionalString, type PageQuery } from './common';

/** `lt_interest_status` values. */
export type InterestStatus = 1 | 2 | 3 | 4 | 0 | -1 | -2 | -3 | -4;

/** One element of `POST /leads/add` `leads[]`. With `campaign_id`, `email` is required. */
export interface BulkLead {
  email?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  company_name?: string | null;
  job_title?: string | null;
  phone?: string | null;
  website?: string | null;
  personalization?: string | null;
  lt_interest_status?: InterestStatus;
  pl_value_lead?: string | null;
  assigned_to?: string | null;
  custom_variables?: CustomVariables;
}

/** Body of `POST /leads/add`: exactly one of `campaign_id` / `list_id`, 1–1000 leads. */
export interface AddLeadsBody {
  campaign_id?: string;
  list_id?: string;
  leads: BulkLead[];
  blocklist_id?: string | null;
  assigned_to?: string;
  verify_leads_on_import?: boolean;
  skip_if_in_workspace?: boolean;
  skip_if_in_campaign?: boolean;
  skip_if_in_list?: boolean;
}

/** Summary of a bulk add. `created_leads[].index` is the position in the request's `leads` array. */
export const addLeadsResultSchema = z.looseObject({
  status: z.string(),
  total_sent: z.number(),
  leads_uploaded: z.number(),
  in_blocklist: optionalNumber,
  blocklist_used: optionalString,
  duplicated_leads: optionalNumber,
  skipped_count: optionalNumber,
  invalid_email_count: optionalNumber,
  incomplete_count: optionalNumber,
  duplicate_email_count: optionalNumber,
  remaining_in_plan: optionalNumber,
  created_leads: z.array(
    z.looseObject({
      index: z.number(),
      id: z.string(),
      email: optionalString,
      first_name: optionalString,
      last_name: optionalString,
      phone: optionalString,
    }),
  ),
});

/** Result of `POST /leads/add`. */
export type AddLeadsResult = z.infer<typeof addLeadsResultSchema>;

/** Body of `POST /leads/list`; `limit` (1–100) and `starting_after` travel in the body. */
export interface ListLeadsBody extends PageQuery {
  search?: string;
  filter?: string;
  campaign?: string;
  list_id?: string;
  in_campaign?: boolean;
  in_list?: boolean;
  ids?: string[];
  excluded_ids?: string[];
  contacts?: string[];
  queries?: unknown[];
  organization_user_ids?: string[];
  smart_view_id?: string;
  is_website_visitor?: boolean;
  distinct_contacts?: boolean;
  enrichment_status?: number;
  esg_code?: string;
}

/** A lead as Instantly returns it; custom variables come back under `payload`. */
export const leadSchema = z.looseObject({
  id: z.string(),
  email: optionalString,
  campaign: optionalString,
  list_id: optionalString,
  status: optionalNumber,
  first_name: optionalString,
  last_name: optionalString,
  company_name: optionalString,
  payload: z.record(z.string(), z.unknown()).nullish(),
  lt_interest_status: optionalNumber,
  timestamp_created: optionalString,
  timestamp_updated: optionalString,
});

/** A lead as Instantly returns it. */
export type Lead = z.infer<typeof leadSchema>;

/**
 * Body of `POST /leads/update-interest-status`: `interest_value` is an `lt_interest_status` value (or a custom
 * label's), `null` resets the lead to "Lead". `campaign_id` / `list_id` narrow which lead record of the address.
 */
export interface UpdateInterestStatusBody {
  lead_email: string;
  interest_value: number | null;
  campaign_id?: string;
  list_id?: string;
  ai_interest_value?: number;
  disable_auto_interest?: boolean;
}

/** The 202 answer of `POST /leads/update-interest-status`: the change runs as a background job. */
export const updateInterestStatusResultSchema = z.looseObject({ message: optionalString });

/** Result of `POST /leads/update-interest-status`. */
export type UpdateInterestStatusResult = z.infer<typeof updateInterestStatusResultSchema>;

/**
 * Record types held in the simulator's state. Records are stored in their API read shape (snake_case, as the
 * real Instantly API v2 returns them) so a route can answer with a copy; simulator-only bookkeeping lives in
 * separate maps on the workspace, never on the records.
 */

/** A custom variable value: the API accepts only scalars (instantly-api-v2.md §3.2). */
export type Scalar = string | number | boolean | null;

/** One A/B variant of a sequence step. */
export interface Variant {
  subject: string;
  body: string;
  v_disabled?: boolean;
}

/** One step of `sequences[0].steps`; `delay` is the wait after this step before the next one. */
export interface Step {
  type: 'email';
  delay: number;
  delay_unit?: 'minutes' | 'hours' | 'days';
  pre_delay?: number;
  pre_delay_unit?: 'minutes' | 'hours' | 'days';
  variants: Variant[];
}

/** The `Campaign` object: the echoed create body plus server fields. */
export interface CampaignRecord {
  [field: string]: unknown;
  id: string;
  name: string;
  status: number;
  organization: string;
  timestamp_created: string;
  timestamp_updated: string;
  not_sending_status: number | null;
  campaign_schedule: unknown;
  sequences: Array<{ steps: Step[] }>;
  email_list: string[];
}

/** The stored part of a lead; the read shape (with `payload`) is built by `leadView`. */
export interface LeadRecord {
  id: string;
  timestamp_created: string;
  timestamp_updated: string;
  organization: string;
  campaign: string | null;
  list_id: string | null;
  status: number;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  company_name: string | null;
  job_title: string | null;
  phone: string | null;
  website: string | null;
  personalization: string | null;
  custom_variables: Record<string, Scalar>;
  email_open_count: number;
  email_reply_count: number;
  email_click_count: number;
  lt_interest_status: number | null;
  pl_value_lead: string | null;
  assigned_to: string | null;
  verification_status: number | null;
  upload_method: 'manual' | 'api' | 'website-visitor';
  email_opened_step: number | null;
  email_opened_variant: number | null;
  email_replied_step: number | null;
  email_replied_variant: number | null;
  email_clicked_step: number | null;
  email_clicked_variant: number | null;
  timestamp_last_contact: string | null;
  timestamp_last_open: string | null;
  timestamp_last_reply: string | null;
  timestamp_last_click: string | null;
  timestamp_last_touch: string | null;
  last_step_timestamp_executed: string | null;
}

/** A lead list (`LeadList`). */
export interface LeadListRecord {
  id: string;
  organization_id: string;
  has_enrichment_task: boolean;
  owned_by: string | null;
  name: string;
  timestamp_created: string;
}

export type * from './types-events';

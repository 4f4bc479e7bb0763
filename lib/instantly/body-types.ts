import type { InstantlyTimezone } from '../../contracts/instantly-timezones';

// Pure request types (no zod, no Node): the workflow-safe mapping functions build these shapes.

/** Weekday keys of `schedules[].days`: "0" = Sunday … "6" = Saturday. */
export type DayKey = '0' | '1' | '2' | '3' | '4' | '5' | '6';

/** `schedules[].days`: a non-empty object of day keys. */
export type InstantlyDays = Partial<Record<DayKey, boolean>>;

/** One sending window of `campaign_schedule.schedules[]`. */
export interface CampaignScheduleEntry {
  name: string;
  /** 24 h `HH:MM`. */
  timing: { from: string; to: string };
  days: InstantlyDays;
  timezone: InstantlyTimezone;
}

/** `campaign_schedule` (required on create). Dates are `YYYY-MM-DD` in the schedule's timezone. */
export interface CampaignSchedule {
  start_date?: string | null;
  end_date?: string | null;
  schedules: CampaignScheduleEntry[];
}

/** One A/B variant of a step. `subject` is plain text, `body` is HTML-ish text. */
export interface SequenceVariant {
  subject: string;
  body: string;
  v_disabled?: boolean;
}

/** Unit of `steps[].delay`; Instantly defaults to days. */
export type DelayUnit = 'minutes' | 'hours' | 'days';

/** One email step. `delay` is the wait AFTER this step before the next one is sent. */
export interface SequenceStep {
  type: 'email';
  delay: number;
  delay_unit?: DelayUnit;
  variants: SequenceVariant[];
}

/** `sequences[]` element; only `sequences[0]` is used by Instantly. */
export interface CampaignSequence {
  steps: SequenceStep[];
}

/** Campaign options shared by create and patch. */
export interface CampaignSettings {
  email_list?: string[];
  email_tag_list?: string[];
  daily_limit?: number | null;
  daily_max_leads?: number | null;
  email_gap?: number | null;
  random_wait_max?: number | null;
  stop_on_reply?: boolean | null;
  stop_on_auto_reply?: boolean | null;
  stop_for_company?: boolean | null;
  open_tracking?: boolean;
  link_tracking?: boolean | null;
  text_only?: boolean | null;
  first_email_text_only?: boolean | null;
  insert_unsubscribe_header?: boolean | null;
  prioritize_new_leads?: boolean | null;
  match_lead_esp?: boolean | null;
  allow_risky_contacts?: boolean | null;
  disable_bounce_protect?: boolean | null;
  auto_variant_select?: { trigger: 'reply_rate' | 'click_rate' | 'open_rate' } | null;
  limit_emails_per_company_override?: {
    mode: 'custom' | 'disabled';
    daily_limit?: number;
    scope?: 'per_campaign' | 'across_workspace';
  } | null;
  provider_routing_rules?: Array<{
    action?: 'send' | 'do_not_send';
    recipient_esp?: Array<'all' | 'google' | 'outlook' | 'other'>;
    sender_esp?: Array<'all' | 'google' | 'outlook' | 'other'>;
  }>;
  cc_list?: string[];
  bcc_list?: string[];
  pl_value?: number | null;
  is_evergreen?: boolean | null;
  owned_by?: string | null;
}

/** Body of `POST /campaigns` (always creates a Draft, status 0). */
export interface CreateCampaignBody extends CampaignSettings {
  name: string;
  campaign_schedule: CampaignSchedule;
  sequences?: CampaignSequence[];
  ai_sdr_id?: string | null;
}

/** Body of `PATCH /campaigns/{id}`; `email_list` replaces the senders. */
export interface PatchCampaignBody extends CampaignSettings {
  name?: string;
  campaign_schedule?: CampaignSchedule;
  sequences?: CampaignSequence[];
}

/** 0 Draft, 1 Active, 2 Paused, 3 Completed, 4 Running subsequences, -99 Suspended, -1 Unhealthy, -2 Bounce protect. */
export type CampaignStatus = 0 | 1 | 2 | 3 | 4 | -99 | -1 | -2;

/** Query of `GET /campaigns`. */
export interface ListCampaignsQuery {
  limit?: number;
  starting_after?: string;
  search?: string;
  status?: CampaignStatus;
  tag_ids?: string;
}

/** Values Instantly accepts in a lead's `custom_variables` (no objects or arrays). */
export type CustomVariableValue = string | number | boolean | null;

/** A lead's custom variables; read back under `Lead.payload`. */
export type CustomVariables = Record<string, CustomVariableValue>;

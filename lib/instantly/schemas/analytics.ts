import { z } from 'zod';
import { optionalNumber } from './common';

/** `YYYY-MM-DD` date range shared by the analytics endpoints. */
export interface DateRange {
  start_date?: string;
  end_date?: string;
}

/** Query of `GET /campaigns/analytics`: `id`, or `ids` (repeated keys), or neither for all campaigns. */
export interface CampaignAnalyticsQuery extends DateRange {
  id?: string;
  ids?: string[];
  exclude_total_leads_count?: boolean;
}

/** Query of `GET /campaigns/analytics/overview`. */
export interface AnalyticsOverviewQuery extends DateRange {
  id?: string;
  ids?: string[];
  campaign_status?: number;
  expand_crm_events?: boolean;
}

/** Query of `GET /campaigns/analytics/daily` (note `campaign_id`, not `id`). */
export interface DailyAnalyticsQuery extends DateRange {
  campaign_id: string;
  campaign_status?: number;
}

/** Query of `GET /campaigns/analytics/steps`. */
export interface StepAnalyticsQuery extends DateRange {
  campaign_id: string;
  include_opportunities_count?: boolean;
}

const counters = {
  emails_sent_count: optionalNumber,
  contacted_count: optionalNumber,
  new_leads_contacted_count: optionalNumber,
  open_count: optionalNumber,
  open_count_unique: optionalNumber,
  reply_count: optionalNumber,
  reply_count_unique: optionalNumber,
  reply_count_automatic: optionalNumber,
  link_click_count: optionalNumber,
  link_click_count_unique: optionalNumber,
  bounced_count: optionalNumber,
  unsubscribed_count: optionalNumber,
  completed_count: optionalNumber,
  total_opportunities: optionalNumber,
  total_opportunity_value: optionalNumber,
};

/** One element of `GET /campaigns/analytics` (an array, empty until the campaign has sent). */
export const campaignAnalyticsSchema = z.looseObject({
  campaign_id: z.string(),
  campaign_name: z.string().nullish(),
  campaign_status: optionalNumber,
  campaign_is_evergreen: z.boolean().nullish(),
  leads_count: optionalNumber,
  ...counters,
});

/** Per-campaign analytics. */
export type CampaignAnalytics = z.infer<typeof campaignAnalyticsSchema>;

/** `GET /campaigns/analytics/overview`: one aggregate object. */
export const analyticsOverviewSchema = z.looseObject({
  ...counters,
  total_interested: optionalNumber,
  total_meeting_booked: optionalNumber,
  total_meeting_completed: optionalNumber,
  total_closed: optionalNumber,
});

/** Aggregate analytics. */
export type AnalyticsOverview = z.infer<typeof analyticsOverviewSchema>;

/** One day of `GET /campaigns/analytics/daily`. */
export const dailyAnalyticsSchema = z.looseObject({
  date: z.string(),
  sent: optionalNumber,
  contacted: optionalNumber,
  new_leads_contacted: optionalNumber,
  opened: optionalNumber,
  unique_opened: optionalNumber,
  replies: optionalNumber,
  unique_replies: optionalNumber,
  clicks: optionalNumber,
  unique_clicks: optionalNumber,
  opportunities: optionalNumber,
  unique_opportunities: optionalNumber,
});

/** Daily analytics row. */
export type DailyAnalytics = z.infer<typeof dailyAnalyticsSchema>;

// The docs type step/variant as strings ("1", "0" = variant A); numbers are accepted too in case a server
// (or the simulator) sends them unquoted.
const stepKey = z.union([z.string(), z.number()]).nullish();

/** One step/variant row of `GET /campaigns/analytics/steps`. */
export const stepAnalyticsSchema = z.looseObject({
  step: stepKey,
  variant: stepKey,
  sent: optionalNumber,
  opened: optionalNumber,
  unique_opened: optionalNumber,
  replies: optionalNumber,
  unique_replies: optionalNumber,
  clicks: optionalNumber,
  unique_clicks: optionalNumber,
  opportunities: optionalNumber,
  unique_opportunities: optionalNumber,
});

/** Step analytics row. */
export type StepAnalytics = z.infer<typeof stepAnalyticsSchema>;

import { z } from 'zod';
import type { InstantlyRequest } from './http';
import {
  analyticsOverviewSchema,
  campaignAnalyticsSchema,
  dailyAnalyticsSchema,
  stepAnalyticsSchema,
  type AnalyticsOverview,
  type AnalyticsOverviewQuery,
  type CampaignAnalytics,
  type CampaignAnalyticsQuery,
  type DailyAnalytics,
  type DailyAnalyticsQuery,
  type StepAnalytics,
  type StepAnalyticsQuery,
} from './schemas/analytics';

const campaignAnalyticsList = z.array(campaignAnalyticsSchema);
const dailyList = z.array(dailyAnalyticsSchema);
const stepList = z.array(stepAnalyticsSchema);

/**
 * Analytics endpoints (all GET, all retried). There is no `/campaigns/{id}/analytics`; everything lives
 * under `/campaigns/analytics…`. Date-order mistakes come back as 400 with a bare `{message}` body.
 */
export function analyticsMethods(request: InstantlyRequest) {
  const get = <T>(path: string, query: object, schema: z.ZodType<T>): Promise<T> =>
    request({
      method: 'GET',
      path: `/campaigns/analytics${path}`,
      query: { ...query },
      idempotent: true,
      schema,
    });
  return {
    /** `GET /campaigns/analytics` → one row per campaign; `[]` until the campaign has sent. */
    async getCampaignAnalytics(query: CampaignAnalyticsQuery = {}): Promise<CampaignAnalytics[]> {
      return get('', query, campaignAnalyticsList);
    },
    /** `GET /campaigns/analytics/overview` → one aggregate object. */
    async getAnalyticsOverview(query: AnalyticsOverviewQuery = {}): Promise<AnalyticsOverview> {
      return get('/overview', query, analyticsOverviewSchema);
    },
    /** `GET /campaigns/analytics/daily?campaign_id=` → one row per day. */
    async getDailyAnalytics(query: DailyAnalyticsQuery): Promise<DailyAnalytics[]> {
      return get('/daily', query, dailyList);
    },
    /** `GET /campaigns/analytics/steps?campaign_id=` → one row per step/variant (variant "0" = A). */
    async getStepAnalytics(query: StepAnalyticsQuery): Promise<StepAnalytics[]> {
      return get('/steps', query, stepList);
    },
  };
}

/** The analytics methods of a client. */
export type AnalyticsMethods = ReturnType<typeof analyticsMethods>;

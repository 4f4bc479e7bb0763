import { defineQuery, defineSignal } from '@temporalio/workflow';

/**
 * Contract of campaignEngagementWorkflow (one per Instantly campaign, id engagement/<instantlyCampaignId>).
 * Signals carry only event row ids (the intake stored the payload in gmaps_instantly_events first), so no lead
 * PII ever enters Temporal history.
 */
export interface EngagementInput {
  instantlyCampaignId: string;
  /** Our export row (gmaps_instantly_campaigns.id) for this Instantly campaign, when known. */
  exportId: string | null;
  /** Analytics poll interval (default 1 h; tests use seconds). */
  pollIntervalMs?: number;
  /** State carried across continue-as-new. */
  carried?: unknown;
}

export interface EventsSignal {
  /** gmaps_instantly_events.id values, as strings (bigint). */
  eventIds: string[];
}

export const eventsSignal = defineSignal<[EventsSignal]>('events');
export const syncNowSignal = defineSignal<[Record<string, never>?]>('syncNow');
export const engagementStateQuery = defineQuery<unknown>('state');

import type { DriftReport, EngagementCounters, WebhookHealth } from './engagement';

/** Inputs and outputs of the engagement activities: ids in, counts out (no lead data through history). */

/** applyEngagementEvents input/output. */
export interface ApplyEventsInput {
  exportId: string | null;
  eventIds: string[];
}
export interface ApplyEventsResult {
  /** The export the events belong to (the input's, or the one found on the rows). */
  exportId: string | null;
  /** Rows this call claimed (applied_at was NULL); the rest had been applied before. */
  applied: number;
  alreadyApplied: number;
  /** A campaign_completed event is among the applied rows of this export (now or earlier). */
  campaignCompleted: boolean;
  counters: EngagementCounters | null;
  /** Whether any subscription could receive these events (the workflow then runs deliverToSubscribers). */
  hasSubscribers: boolean;
  /**
   * What the reply labelling still needs from the workflow after this batch (the activity labels the batch's
   * replies and claims their write-backs itself): nothing, the classify activity (the inline labelling failed or
   * more replies wait), or the write-back activity (calls to Instantly are pending). Absent in results recorded
   * before it existed.
   */
  replyFollowUp?: ReplyFollowUp;
}

/** See {@link ApplyEventsResult.replyFollowUp}. */
export type ReplyFollowUp = 'none' | 'classify' | 'write-back';

/** syncCampaignAnalytics input/output. */
export interface SyncInput {
  exportId: string | null;
  instantlyCampaignId: string;
}
export interface SyncResult {
  exportId: string | null;
  syncedAt: string;
  /** Instantly campaign status (3 = completed), null when unknown. */
  campaignStatus: number | null;
  drift: DriftReport | null;
  counters: EngagementCounters | null;
  webhookHealth: WebhookHealth | null;
}

/** deliverToSubscribers input/output. */
export interface DeliverInput {
  eventIds: string[];
}
export interface DeliverResult {
  delivered: number;
  skipped: number;
}

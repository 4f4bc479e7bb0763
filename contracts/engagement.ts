import { defineQuery, defineSignal } from '@temporalio/workflow';

/**
 * Contract of campaignEngagementWorkflow (one per Instantly campaign, id engagement/<instantlyCampaignId>).
 * Signals carry only event row ids (the intake stored the payload in gmaps_instantly_events first), so no lead
 * PII ever enters Temporal history: inputs, signals, queries and activity results hold ids and counts only.
 */
export interface EngagementInput {
  instantlyCampaignId: string;
  /** Our export row (gmaps_instantly_campaigns.id) for this Instantly campaign, when known. */
  exportId: string | null;
  /** Analytics poll interval (default 1 h; tests use seconds). */
  pollIntervalMs?: number;
  /** Continue-as-new after this many event ids were processed in one run (default 20,000). */
  maxEventsPerRun?: number;
  /**
   * After campaign completion, end only once no event arrived for this long (default: the poll interval, at
   * most 5 min), unless Instantly already says completed and our counts agree.
   */
  completionQuietMs?: number;
  /** State carried across continue-as-new. */
  carried?: EngagementCarried;
}

/** Unique-lead counters of one export (plus the raw number of sent emails), as stored on the export row. */
export interface EngagementCounters {
  emailsSent: number;
  contacted: number;
  opened: number;
  clicked: number;
  replied: number;
  autoReplied: number;
  bounced: number;
  unsubscribed: number;
}

/** Health of the workspace webhook as last seen by a sync. */
export interface WebhookHealth {
  webhookId: string | null;
  /** active | disabled | resumed (was disabled, we resumed it) | missing (none registered) | unknown. */
  status: 'active' | 'disabled' | 'resumed' | 'missing' | 'unknown';
  checkedAt: string;
}

/** Counts-only summary of the last analytics sync (also stored as the export's last_drift). */
export interface DriftReport {
  at: string;
  drifted: boolean;
  /** Counter name → { instantly, ours } for each counter that differed before the repair. */
  before: Record<string, { instantly: number; ours: number }>;
  /** Counter name → { instantly, ours } still differing after the repair. */
  after: Record<string, { instantly: number; ours: number }>;
  repaired: {
    fromDeliveryLog: number;
    fromLeads: number;
    applied: number;
    /** Reply stand-ins completed with text/subject and auto-reply stand-ins stored from `GET /emails`. */
    fromEmails?: { replyTexts: number; autoReplies: number };
  };
  /** Per step/variant `sent` compared with Instantly's step analytics (null when it returned nothing). */
  steps: { compared: number; differing: number } | null;
}

/** What survives continue-as-new. */
export interface EngagementCarried {
  applied: number;
  duplicatesIgnored: number;
  counters: EngagementCounters | null;
  lastSyncAt: string | null;
  lastDrift: DriftReport | null;
  webhookHealth: WebhookHealth | null;
  /** Event ids received but not yet applied. */
  pending: string[];
  completionSeen: boolean;
  /** The last sync saw Instantly's campaign completed and no counter differing, and nothing was applied since. */
  instantlyAgrees?: boolean;
  runs: number;
  deliveryFailures: number;
  syncFailures: number;
  /** Workflow time (epoch ms) of the next scheduled poll. */
  nextPollAtMs: number | null;
}

/** engagementStateQuery result. */
export interface EngagementState {
  instantlyCampaignId: string;
  exportId: string | null;
  applied: number;
  duplicatesIgnored: number;
  counters: EngagementCounters | null;
  lastSyncAt: string | null;
  lastDrift: DriftReport | null;
  webhookHealth: WebhookHealth | null;
  pending: number;
  completionSeen: boolean;
  /** 1 for the first run, +1 per continue-as-new. */
  run: number;
  deliveryFailures: number;
  syncFailures: number;
}

/** The workflow's result once the campaign completed and the final sync ran. */
export interface EngagementResult {
  instantlyCampaignId: string;
  exportId: string | null;
  applied: number;
  counters: EngagementCounters | null;
  lastSyncAt: string | null;
  /** Runs in this continue-as-new chain (1 = never continued). */
  runs: number;
}

export interface EventsSignal {
  /** gmaps_instantly_events.id values, as strings (bigint). */
  eventIds: string[];
}

export const DEFAULT_POLL_INTERVAL_MS = 3_600_000;
export const DEFAULT_MAX_EVENTS_PER_RUN = 20_000;
/** Upper bound of the default completion quiet period. */
export const MAX_DEFAULT_COMPLETION_QUIET_MS = 300_000;
/** Most event ids one applyEngagementEvents call takes. */
export const APPLY_BATCH_SIZE = 500;

export const eventsSignal = defineSignal<[EventsSignal]>('events');
export const syncNowSignal = defineSignal<[Record<string, never>?]>('syncNow');
export const engagementStateQuery = defineQuery<EngagementState>('state');

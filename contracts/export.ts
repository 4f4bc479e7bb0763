import { defineQuery } from '@temporalio/workflow';

/**
 * Contract of exportCampaignWorkflow (one run per export, id export/<exportId>). Ids in, counts out: the export
 * request (templates, senders) lives in gmaps_instantly_campaigns.request and is loaded by activities, so no API
 * key, lead email or lead text ever enters Temporal history.
 */
export interface ExportWorkflowInput {
  exportId: string;
}

export type ExportStatus = 'running' | 'completed' | 'failed' | 'cancelled';
export type ExportStep =
  'queued' | 'preflight' | 'creating_campaign' | 'uploading' | 'activating' | 'recording' | 'done';

/**
 * sent = uploaded + duplicate + invalid + blocklisted + skipped; eligible = sent + rejected (by pre-flight).
 * alreadyExported (part of rejected): leads an earlier export of the organization already sent to Instantly.
 */
export interface ExportCounters {
  eligible: number;
  rejected: number;
  alreadyExported: number;
  sent: number;
  uploaded: number;
  duplicate: number;
  invalid: number;
  blocklisted: number;
  skipped: number;
}

export interface ExportProgress {
  step: ExportStep;
  batchesDone: number;
  batchesTotal: number;
  counters: ExportCounters;
}

export interface TimezoneChoice {
  requested: string;
  used: string;
  substituted: boolean;
  note: string | null;
}

export interface PreflightResult {
  organizationId: string;
  campaignId: string;
  counters: ExportCounters;
  batchesTotal: number;
  uploadConcurrency: number;
  activate: boolean;
  timezone: TimezoneChoice;
  pollIntervalMs: number;
}

export interface BatchResult {
  batchNo: number;
  sent: number;
  uploaded: number;
  duplicate: number;
  invalid: number;
  blocklisted: number;
  skipped: number;
}

export interface ExportResult {
  exportId: string;
  status: ExportStatus;
  instantlyCampaignId: string | null;
  activated: boolean;
  counters: ExportCounters;
  error: { type: string; message: string } | null;
}

export const emptyCounters = (): ExportCounters => ({
  eligible: 0,
  rejected: 0,
  alreadyExported: 0,
  sent: 0,
  uploaded: 0,
  duplicate: 0,
  invalid: 0,
  blocklisted: 0,
  skipped: 0,
});

export const exportProgressQuery = defineQuery<ExportProgress>('progress');

import type { SearchAttributePair } from '@temporalio/common';
import type { EngagementInput } from '../contracts/engagement';
import type { ExportWorkflowInput } from '../contracts/export';
import { SEARCH_ATTRIBUTE_KEYS } from '../contracts/search-attributes';
import { engagementWorkflowId } from '../contracts/workflow-ids';

// How each workflow is started, written once for every starter (the API, the webhook intake, the export
// workflow's child start). Pure: safe in workflow code and in the client alike. Callers pass the workflow
// FUNCTION (start(exportCampaignWorkflow, …)), so a renamed workflow is a compile error, not a runtime one.

/** The engagement workflow's input for an Instantly campaign (and our export of it, when known). */
export function engagementInput(
  target: { instantlyCampaignId: string; exportId: string | null },
  pollIntervalMs: number,
): EngagementInput {
  return { instantlyCampaignId: target.instantlyCampaignId, exportId: target.exportId, pollIntervalMs };
}

/** Child-start options of the engagement workflow (one per Instantly campaign; the parent's task queue). */
export function engagementChildOptions(input: EngagementInput) {
  return { workflowId: engagementWorkflowId(input.instantlyCampaignId), args: [input] as [EngagementInput] };
}

/** Start (or signalWithStart) options of the engagement workflow from a client. */
export function engagementStartOptions(input: EngagementInput, taskQueue: string) {
  return { ...engagementChildOptions(input), taskQueue };
}

/**
 * Start options of an export's workflow: the row's workflow id is the export's business key, a running one is
 * reused (USE_EXISTING) and a closed one never started again (REJECT_DUPLICATE); typed search attributes let
 * the Web UI filter by organization, campaign and status.
 */
export function exportStartOptions(
  row: { id: string; workflowId: string; organizationId: string; campaignId: string },
  taskQueue: string,
) {
  const searchAttributes: SearchAttributePair[] = [
    { key: SEARCH_ATTRIBUTE_KEYS.organizationId, value: row.organizationId },
    { key: SEARCH_ATTRIBUTE_KEYS.campaignId, value: row.campaignId },
    { key: SEARCH_ATTRIBUTE_KEYS.exportStatus, value: 'running' },
  ];
  return {
    workflowId: row.workflowId,
    taskQueue,
    workflowIdConflictPolicy: 'USE_EXISTING' as const,
    workflowIdReusePolicy: 'REJECT_DUPLICATE' as const,
    args: [{ exportId: row.id }] as [ExportWorkflowInput],
    typedSearchAttributes: searchAttributes,
  };
}

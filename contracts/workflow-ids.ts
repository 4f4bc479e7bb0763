/** Task queue and workflow-id builders shared by the API, the worker and workflows. Ids are business keys. */
export const DEFAULT_TASK_QUEUE = 'instantly-bridge';

export const exportWorkflowId = (exportId: string): string => `export/${exportId}`;
export const engagementWorkflowId = (instantlyCampaignId: string): string =>
  `engagement/${instantlyCampaignId}`;
export const readinessWorkflowId = (campaignId: string, nonce: string): string =>
  `readiness/${campaignId}/${nonce}`;

/** Workflow-id builders shared by the API, the worker and workflows. Ids are business keys. */
export const exportWorkflowId = (exportId: string): string => `export/${exportId}`;
export const engagementWorkflowId = (instantlyCampaignId: string): string =>
  `engagement/${instantlyCampaignId}`;

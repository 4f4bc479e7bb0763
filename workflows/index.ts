// The worker's workflowsPath: every workflow is exported from here.
export { campaignReadinessWorkflow } from './readiness';
export { exportCampaignWorkflow } from './export';
export { campaignEngagementWorkflow } from './engagement';

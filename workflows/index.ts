// The worker's workflowsPath: every workflow is exported from here.
export { exportCampaignWorkflow } from './export';
export { campaignEngagementWorkflow } from './engagement';

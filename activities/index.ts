import type { ActivityDeps } from './deps';
import { createEngagementActivities } from './engagement';
import { createCampaignActivities } from './export-campaign';
import { createPreflightActivity } from './export-preflight';
import { createResultActivity } from './export-result';
import { createUploadActivity } from './export-upload';
import { createLeadActivities } from './leads';

export type { ActivityDeps };

/** All activities, bound to their dependencies. The worker registers this object. */
export const createActivities = (deps: ActivityDeps) => ({
  ...createLeadActivities(deps),
  ...createEngagementActivities(deps),
  ...createPreflightActivity(deps),
  ...createCampaignActivities(deps),
  ...createUploadActivity(deps),
  ...createResultActivity(deps),
});

export type Activities = ReturnType<typeof createActivities>;

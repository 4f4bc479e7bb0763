import type { ActivityDeps } from './deps';
import { createEngagementActivities } from './engagement';
import { createCampaignActivities } from './export-campaign';
import { createPreflightActivity } from './export-preflight';
import { createReconcileActivity } from './export-reconcile';
import { createResultActivity } from './export-result';
import { createUploadActivity } from './export-upload';
import { createReplyWriteBackActivities } from './reply-write-back';
import { createReplyActivities } from './replies';

export type { ActivityDeps };

/** All activities, bound to their dependencies. The worker registers this object. */
export const createActivities = (deps: ActivityDeps) => ({
  ...createEngagementActivities(deps),
  ...createPreflightActivity(deps),
  ...createCampaignActivities(deps),
  ...createUploadActivity(deps),
  ...createReconcileActivity(deps),
  ...createResultActivity(deps),
  ...createReplyActivities(deps),
  ...createReplyWriteBackActivities(deps),
});

export type Activities = ReturnType<typeof createActivities>;

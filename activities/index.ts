import type { ActivityDeps } from './deps';
import { createLeadActivities } from './leads';

export type { ActivityDeps };

/** All activities, bound to their dependencies. The worker registers this object. */
export const createActivities = (deps: ActivityDeps) => ({
  ...createLeadActivities(deps),
});

export type Activities = ReturnType<typeof createActivities>;

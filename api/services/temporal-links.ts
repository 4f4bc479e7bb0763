import type { Env } from '../../lib/env';

/** Link to a workflow in the Temporal Web UI. */
export const temporalUiUrl = (env: Env, workflowId: string): string =>
  `${env.TEMPORAL_UI_URL}/namespaces/${encodeURIComponent(env.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`;

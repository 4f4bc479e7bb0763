import { z } from 'zod';
import { optionalNumber, optionalString } from './common';

/** Background job statuses in the OpenAPI enum. */
export type BackgroundJobStatus =
  'pending' | 'in-progress' | 'success' | 'failed' | 'draining' | 'paused' | 'cancelled';

/** `GET /background-jobs/{id}`. `status` is kept as a string: the official SDK also sees `completed`/`error`. */
export const backgroundJobSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  type: optionalString,
  progress: optionalNumber,
  entity_id: optionalString,
  entity_type: optionalString,
  workspace_id: optionalString,
  data: z.unknown().optional(),
  created_at: optionalString,
  updated_at: optionalString,
});

/** A background job. */
export type BackgroundJob = z.infer<typeof backgroundJobSchema>;

const TERMINAL = new Set(['success', 'failed', 'cancelled', 'completed', 'error']);

/** True when a job will not change any more (`success`/`failed`/`cancelled`, plus the SDK's `completed`/`error`). */
export function isTerminalJobStatus(status: string): boolean {
  return TERMINAL.has(status);
}

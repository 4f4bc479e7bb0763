import type { InstantlyRequest } from './http';
import { segment } from './http-build';
import { backgroundJobSchema, type BackgroundJob } from './schemas/jobs';

/** Background-job endpoints (jobs come from lead moves, warmup changes and verified imports). */
export function jobMethods(request: InstantlyRequest) {
  return {
    /** `GET /background-jobs/{id}`; poll until `isTerminalJobStatus(job.status)`. */
    async getBackgroundJob(id: string): Promise<BackgroundJob> {
      return request({
        method: 'GET',
        path: `/background-jobs/${segment(id)}`,
        idempotent: true,
        schema: backgroundJobSchema,
      });
    },
  };
}

/** The background-job methods of a client. */
export type JobMethods = ReturnType<typeof jobMethods>;

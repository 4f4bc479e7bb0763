import { z } from 'zod';
import { notFound } from '../core/errors';
import { isoNow, uuidv7 } from '../core/ids';
import { byId, paginate, queryLimit } from '../core/pagination';
import { parseOr400 } from '../core/validation';
import type { ApiContext, ApiHandler } from '../context';
import type { Router } from '../http/router';
import type { WorkspaceState } from '../state/workspace';
import type { BackgroundJobRecord } from '../types';
import { copy, cursor, idParam } from './common';

/** Creates a `pending` job; `effect` runs when it reaches `success` and may add to `data`. */
export function createJob(
  ws: WorkspaceState,
  init: {
    type: string;
    entity_id: string | null;
    entity_type: string | null;
    data?: Record<string, unknown>;
  },
  effect?: () => Record<string, unknown> | void,
): BackgroundJobRecord {
  const now = isoNow();
  const job: BackgroundJobRecord = {
    id: uuidv7(),
    workspace_id: ws.id,
    user_id: null,
    type: init.type,
    entity_id: init.entity_id,
    entity_type: init.entity_type,
    data: init.data ?? {},
    progress: 0,
    status: 'pending',
    created_at: now,
    updated_at: now,
  };
  ws.jobs.set(job.id, job);
  if (effect) ws.jobEffects.set(job.id, () => Object.assign(job.data, effect() ?? {}));
  return job;
}

/** Each read moves a job one step: pending → in-progress (50%) → success (100%, its effect applied). */
function advance(ws: WorkspaceState, job: BackgroundJobRecord): void {
  if (job.status === 'pending') Object.assign(job, { status: 'in-progress', progress: 50 });
  else if (job.status === 'in-progress') {
    Object.assign(job, { status: 'success', progress: 100 });
    ws.jobEffects.get(job.id)?.();
    ws.jobEffects.delete(job.id);
  } else return;
  job.updated_at = isoNow();
}

/**
 * Runs a job nobody can poll (its answer carries no job id, e.g. `update-interest-status`) to `success` after
 * `delayMs`, in the background; a closed simulator (`signal`) leaves it pending.
 */
export function finishJobLater(
  ws: WorkspaceState,
  job: BackgroundJobRecord,
  delayMs: number,
  signal: AbortSignal,
): void {
  const timer = setTimeout(() => {
    if (signal.aborted) return;
    advance(ws, job);
    advance(ws, job);
  }, delayMs);
  timer.unref();
}

function getJob(ctx: ApiContext): BackgroundJobRecord {
  const job = ctx.ws.jobs.get(idParam(ctx));
  if (!job) throw notFound('Background job');
  advance(ctx.ws, job);
  return copy(job);
}

const listQuery = z.strictObject({
  limit: queryLimit,
  starting_after: cursor,
  type: z.string().optional(),
  status: z.string().optional(),
});

function listJobs(ctx: ApiContext): unknown {
  const q = parseOr400(listQuery, ctx.query, 'querystring');
  const items = byId(ctx.ws.jobs.values()).filter(
    (j) => (!q.type || j.type === q.type) && (!q.status || j.status === q.status),
  );
  return copy(paginate(items, (j) => j.id, q.limit, q.starting_after));
}

/** Registers `/background-jobs` routes. */
export function registerJobRoutes(router: Router<ApiHandler>): void {
  router.add('GET', '/background-jobs/:id', getJob).add('GET', '/background-jobs', listJobs);
}

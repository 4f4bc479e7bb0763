import { Router } from 'express';
import { pingDatabase } from '../../db/health';
import type { ApiDeps } from '../deps';
import { assertWorkerPolling } from './worker-pollers';

async function check(fn: () => Promise<unknown>, timeoutMs = 2000): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise(
        (_, reject) =>
          (timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs)),
      ),
    ]);
    return 'ok';
  } catch (err) {
    return `error: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /healthz: the process is up. GET /readyz: PostgreSQL and Temporal both answer (503 names which did not),
 * and whether a worker polls the task queue: without one the API still takes requests and webhooks (200,
 * status 'degraded', checks.worker says why); `?require=worker` makes that a 503 (for monitors of the whole service).
 */
export function healthRoutes({ prisma, temporal, env }: ApiDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    // No version numbers: they only help an attacker pick exploits (issue 10 item 7).
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    const [database, temporalStatus, worker] = await Promise.all([
      check(() => pingDatabase(prisma)),
      check(() => temporal.workflowService.getSystemInfo({})),
      check(() => assertWorkerPolling(temporal, env.TEMPORAL_NAMESPACE, env.TEMPORAL_TASK_QUEUE)),
    ]);
    const ready = database === 'ok' && temporalStatus === 'ok';
    const status = !ready ? 'not_ready' : worker === 'ok' ? 'ready' : 'degraded';
    const fail = !ready || (req.query['require'] === 'worker' && worker !== 'ok');
    res.status(fail ? 503 : 200).json({ status, checks: { database, temporal: temporalStatus, worker } });
  });
  return router;
}

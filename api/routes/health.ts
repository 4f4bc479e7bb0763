import { Router } from 'express';
import type { ApiDeps } from '../deps';

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

/** GET /healthz: the process is up. GET /readyz: PostgreSQL and Temporal both answer (503 names which did not). */
export function healthRoutes({ prisma, temporal }: ApiDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', node: process.version });
  });
  router.get('/readyz', async (_req, res) => {
    const [database, temporalStatus] = await Promise.all([
      check(() => prisma.$queryRawUnsafe('SELECT 1')),
      check(() => temporal.workflowService.getSystemInfo({})),
    ]);
    const ready = database === 'ok' && temporalStatus === 'ok';
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not_ready', checks: { database, temporal: temporalStatus } });
  });
  return router;
}

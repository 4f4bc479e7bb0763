import { Router } from 'express';
import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import type { ApiDeps } from '../deps';

/** GET /api/whoami: proves the base URL and the token (the n8n credential test calls it). */
export function metaRoutes(_deps: ApiDeps): Router {
  const router = Router();
  router.get('/whoami', (_req, res) => {
    res.json({
      ok: true,
      service: 'instantly-bridge',
      version: '0.1.0',
      organizationId: DEFAULT_ORGANIZATION_ID,
    });
  });
  return router;
}

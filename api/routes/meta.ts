import { Router } from 'express';
import { findOrganization } from '../../db/organizations';
import { organizationOf } from '../context';
import type { ApiDeps } from '../deps';

/** GET /api/whoami: proves the base URL and the token, and names the token's organization { id, name }. */
export function metaRoutes({ prisma }: ApiDeps): Router {
  const router = Router();
  router.get('/whoami', async (_req, res) => {
    const organizationId = organizationOf(res);
    const organization = await findOrganization(prisma, organizationId);
    res.json({
      ok: true,
      service: 'instantly-bridge',
      version: '0.1.0',
      organizationId,
      organization: organization ?? { id: organizationId, name: null },
    });
  });
  return router;
}

import { Router } from 'express';
import { z } from 'zod';
import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import { previewExportRequest } from '../../db/export-preview';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { parseOr400 } from '../middleware/validate';
import { exportRequestOr400 } from '../services/export-request-door';

export const params = z.object({ campaignId: z.uuid('campaignId must be a UUID') });

/**
 * POST /campaigns/:campaignId/export-preview with an export request body (the same checks as the export door,
 * nothing written or started): the `{{variables}}` the sequence uses and those a lead offers, how many leads
 * with an e-mail lack each used variable (pre-flight would skip them), the first e-mail rendered for one real
 * lead, and the timezone that will be used.
 */
export function exportPreviewRoutes({ prisma }: ApiDeps): Router {
  const router = Router();
  router.post('/campaigns/:campaignId/export-preview', async (req, res) => {
    const { campaignId } = parseOr400(params, req.params, 'params');
    const { request, timezone } = exportRequestOr400(req.body);
    const organizationId = (res.locals.organizationId as string | undefined) ?? DEFAULT_ORGANIZATION_ID;
    const preview = await previewExportRequest(prisma, organizationId, campaignId, request);
    if (!preview) throw notFound(`campaign ${campaignId}`);
    res.json({ ...preview, timezone });
  });
  return router;
}

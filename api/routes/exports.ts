import { Router } from 'express';
import { z } from 'zod';
import { exportRequestSchema } from '../../contracts/schemas/export-request';
import type { ApiDeps } from '../deps';
import { parseOr400 } from '../middleware/validate';
import { exportService } from '../services/export-service';

const uuidParam = (name: string) => z.object({ [name]: z.uuid(`${name} must be a UUID`) });

/**
 * Exports: POST /campaigns/:campaignId/export-to-instantly (202 + Location; the identical running export is
 * returned with 200 instead of starting a second), GET /exports/:exportId, GET /campaigns/:campaignId/exports,
 * POST /exports/:exportId/cancel.
 */
export function exportRoutes(deps: ApiDeps): Router {
  const router = Router();
  const exports = exportService(deps);
  router.post('/campaigns/:campaignId/export-to-instantly', async (req, res) => {
    const { campaignId } = parseOr400(uuidParam('campaignId'), req.params, 'params') as {
      campaignId: string;
    };
    const body = parseOr400(exportRequestSchema, req.body);
    const { existing, ...started } = await exports.start(campaignId, body);
    res
      .status(existing ? 200 : 202)
      .location(started.statusUrl)
      .json({ ...started, existing });
  });
  router.get('/exports/:exportId', async (req, res) => {
    const { exportId } = parseOr400(uuidParam('exportId'), req.params, 'params') as { exportId: string };
    res.json(await exports.get(exportId));
  });
  router.get('/campaigns/:campaignId/exports', async (req, res) => {
    const { campaignId } = parseOr400(uuidParam('campaignId'), req.params, 'params') as {
      campaignId: string;
    };
    res.json(await exports.list(campaignId));
  });
  router.post('/exports/:exportId/cancel', async (req, res) => {
    const { exportId } = parseOr400(uuidParam('exportId'), req.params, 'params') as { exportId: string };
    res.status(202).json(await exports.cancel(exportId));
  });
  return router;
}

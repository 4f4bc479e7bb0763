import { Router } from 'express';
import { z } from 'zod';
import { organizationOf } from '../context';
import type { ApiDeps } from '../deps';
import { parseOr400 } from '../middleware/validate';
import { exportRequestOr400 } from '../services/export-request-door';
import { exportService } from '../services/export-service';
import { idempotencyKeySchema } from '../services/export-request-hash';

const uuidParam = (name: string) => z.object({ [name]: z.uuid(`${name} must be a UUID`) });

/**
 * Exports: POST /campaigns/:campaignId/export-to-instantly (202 + Location; with 200 and `existing: true` the
 * export this request already made — same `Idempotency-Key` header, or an identical body running or completed
 * unless `force` — instead of a second one; 422 when the key was used for a different body),
 * every pure check first (400 naming each bad field; the 202 says which timezone is used),
 * GET /exports/:exportId, GET /campaigns/:campaignId/exports, POST /exports/:exportId/cancel. Everything is
 * scoped by the caller's organization: another organization's campaign or export is a 404 like an unknown one.
 */
export function exportRoutes(deps: ApiDeps): Router {
  const router = Router();
  const exports = exportService(deps);
  router.post('/campaigns/:campaignId/export-to-instantly', async (req, res) => {
    const { campaignId } = parseOr400(uuidParam('campaignId'), req.params, 'params') as {
      campaignId: string;
    };
    const { request, timezone } = exportRequestOr400(req.body);
    const key = req.get('idempotency-key');
    const idempotencyKey =
      key === undefined ? undefined : parseOr400(idempotencyKeySchema, key, 'headers.idempotency-key');
    const { existing, ...started } = await exports.start(
      organizationOf(res),
      campaignId,
      request,
      idempotencyKey,
    );
    // The answer says which zone will be used, so a substitution is visible before the export runs.
    res
      .status(existing ? 200 : 202)
      .location(started.statusUrl)
      .json({ ...started, existing, timezone });
  });
  router.get('/exports/:exportId', async (req, res) => {
    const { exportId } = parseOr400(uuidParam('exportId'), req.params, 'params') as { exportId: string };
    res.json(await exports.get(organizationOf(res), exportId));
  });
  router.get('/campaigns/:campaignId/exports', async (req, res) => {
    const { campaignId } = parseOr400(uuidParam('campaignId'), req.params, 'params') as {
      campaignId: string;
    };
    res.json(await exports.list(organizationOf(res), campaignId));
  });
  router.post('/exports/:exportId/cancel', async (req, res) => {
    const { exportId } = parseOr400(uuidParam('exportId'), req.params, 'params') as { exportId: string };
    res.status(202).json(await exports.cancel(organizationOf(res), exportId));
  });
  return router;
}

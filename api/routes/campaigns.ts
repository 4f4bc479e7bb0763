import { Router } from 'express';
import { z } from 'zod';
import { addBusinessesSchema, createCampaignSchema } from '../../contracts/schemas/campaign-import';
import { LineTooLongError, ndjsonLines } from '../../lib/ndjson';
import { campaignImport, ImportLineError } from '../../db/campaign-import';
import { findCampaign } from '../../db/campaigns';
import { organizationOf } from '../context';
import type { ApiDeps } from '../deps';
import { HttpError, notFound } from '../errors';
import { parseOr400 } from '../middleware/validate';

export const params = z.object({ campaignId: z.uuid('campaignId must be a UUID') });

/**
 * Standalone campaigns: POST /campaigns (201 { id, businessCount }), POST /campaigns/import (NDJSON stream:
 * a `{ name }` line, then one business per line; one transaction, 400 naming the first bad line),
 * POST /campaigns/:id/businesses, GET /campaigns/:id. All in the caller's organization: another organization's
 * campaign is a 404 exactly like an unknown one.
 */
export function campaignRoutes({ prisma }: ApiDeps): Router {
  const router = Router();
  const importer = campaignImport(prisma);
  router.post('/campaigns', async (req, res) => {
    const body = parseOr400(createCampaignSchema, req.body);
    const created = await importer.createCampaign(organizationOf(res), body);
    res.status(201).location(`/api/campaigns/${created.id}`).json(created);
  });
  router.post('/campaigns/import', async (req, res) => {
    if (!req.is('application/x-ndjson')) {
      throw new HttpError(415, 'unsupported_media_type', 'send application/x-ndjson');
    }
    try {
      // destroyOnReturn: false — a refused line ends the reading early, and destroying the request would reset
      // the connection before the client reads our 400; instead the rest of the upload is drained below.
      const created = await importer.importStream(
        organizationOf(res),
        ndjsonLines(req.iterator({ destroyOnReturn: false })),
      );
      res.status(201).location(`/api/campaigns/${created.id}`).json(created);
    } catch (err) {
      req.resume(); // let the rest of the upload drain so the client reads our answer, not a reset
      if (err instanceof ImportLineError) {
        const details = err.details.map((d) => ({ path: `line ${err.line}.${d.path}`, message: d.message }));
        throw new HttpError(400, 'validation_failed', `invalid import: line ${err.line}`, details);
      }
      if (err instanceof LineTooLongError) throw new HttpError(413, 'line_too_long', err.message);
      throw err;
    }
  });
  router.post('/campaigns/:campaignId/businesses', async (req, res) => {
    const { campaignId } = parseOr400(params, req.params, 'params');
    const body = parseOr400(addBusinessesSchema, req.body);
    const added = await importer.addBusinesses(organizationOf(res), campaignId, body.businesses);
    if (!added) throw notFound(`campaign ${campaignId}`);
    res.status(201).json(added);
  });
  router.get('/campaigns/:campaignId', async (req, res) => {
    const { campaignId } = parseOr400(params, req.params, 'params');
    const campaign = await findCampaign(prisma, organizationOf(res), campaignId);
    if (!campaign) throw notFound(`campaign ${campaignId}`);
    res.json(campaign);
  });
  return router;
}

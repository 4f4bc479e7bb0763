import { Router } from 'express';
import { z } from 'zod';
import { addBusinessesSchema, createCampaignSchema } from '../../contracts/schemas/campaign-import';
import { campaignImport } from '../../lib/campaign-import';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { parseOr400 } from '../middleware/validate';

const params = z.object({ campaignId: z.uuid('campaignId must be a UUID') });

/** Standalone campaigns: POST /campaigns (201 { id, businessCount }), POST /campaigns/:id/businesses, GET /campaigns/:id. */
export function campaignRoutes({ prisma }: ApiDeps): Router {
  const router = Router();
  const importer = campaignImport(prisma);
  router.post('/campaigns', async (req, res) => {
    const body = parseOr400(createCampaignSchema, req.body);
    const created = await importer.createCampaign(body);
    res.status(201).location(`/api/campaigns/${created.id}`).json(created);
  });
  router.post('/campaigns/:campaignId/businesses', async (req, res) => {
    const { campaignId } = parseOr400(params, req.params, 'params');
    const body = parseOr400(addBusinessesSchema, req.body);
    if (!(await prisma.campaign.findUnique({ where: { id: campaignId }, select: { id: true } })))
      throw notFound(`campaign ${campaignId}`);
    res.status(201).json(await importer.addBusinesses(campaignId, body.businesses));
  });
  router.get('/campaigns/:campaignId', async (req, res) => {
    const { campaignId } = parseOr400(params, req.params, 'params');
    const campaign = await prisma.campaign.findUnique({
      where: { id: campaignId },
      include: { _count: { select: { businesses: true } } },
    });
    if (!campaign) throw notFound(`campaign ${campaignId}`);
    const { _count, ...rest } = campaign;
    res.json({ ...rest, businessCount: _count.businesses });
  });
  return router;
}

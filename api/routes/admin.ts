import express, { Router } from 'express';
import { z } from 'zod';
import { pgText } from '../../contracts/schemas/pg-safe';
import { createOrganization, findOrganization, listOrganizations } from '../../db/organizations';
import { issueToken, listTokens, revokeToken } from '../../db/tokens';
import type { ApiDeps } from '../deps';
import { HttpError, notFound } from '../errors';
import { requireBearer } from '../middleware/auth';
import { rejectDeepJson } from '../middleware/json-depth';
import { parseOr400 } from '../middleware/validate';

const name = pgText(200).trim().min(1, 'name must not be empty');
const label = pgText(200).trim().min(1).nullable().default(null);
const createSchema = z.strictObject({ name, label: label.optional() });
const tokenSchema = z.strictObject({ label: label.optional() });
const orgParams = z.object({ organizationId: z.uuid('organizationId must be a UUID') });
const tokenParams = orgParams.extend({ tokenId: z.uuid('tokenId must be a UUID') });

/**
 * The admin API, authorised by ADMIN_TOKEN only (an organization's token gets 401): POST /organizations
 * { name, label? } → 201 { id, name, apiToken, tokenId } (the token is shown once, stored as SHA-256),
 * GET /organizations, POST /organizations/:id/tokens → 201 { tokenId, apiToken } (rotation without downtime),
 * GET /organizations/:id/tokens (never the tokens), DELETE /organizations/:id/tokens/:tokenId → 204 (revoked:
 * its next request is a 401). Mounted at /api/admin only when ADMIN_TOKEN is set.
 */
export function adminRoutes({ prisma }: ApiDeps, adminToken: string): Router {
  const router = Router();
  router.use(requireBearer(adminToken));
  router.use(express.json({ limit: '16kb' }));
  router.use(rejectDeepJson());
  const orgOr404 = async (organizationId: string) => {
    if (!(await findOrganization(prisma, organizationId))) throw notFound(`organization ${organizationId}`);
  };
  router.post('/organizations', async (req, res) => {
    const body = parseOr400(createSchema, req.body ?? {});
    const created = await createOrganization(prisma, body.name, body.label ?? null);
    res.status(201).location(`/api/admin/organizations/${created.id}`).json(created);
  });
  router.get('/organizations', async (_req, res) => {
    res.json({ items: await listOrganizations(prisma) });
  });
  router.post('/organizations/:organizationId/tokens', async (req, res) => {
    const { organizationId } = parseOr400(orgParams, req.params, 'params');
    const body = parseOr400(tokenSchema, req.body ?? {});
    await orgOr404(organizationId);
    res.status(201).json(await issueToken(prisma, organizationId, body.label ?? null));
  });
  router.get('/organizations/:organizationId/tokens', async (req, res) => {
    const { organizationId } = parseOr400(orgParams, req.params, 'params');
    await orgOr404(organizationId);
    res.json({ items: await listTokens(prisma, organizationId) });
  });
  router.delete('/organizations/:organizationId/tokens/:tokenId', async (req, res) => {
    const { organizationId, tokenId } = parseOr400(tokenParams, req.params, 'params');
    if (!(await revokeToken(prisma, organizationId, tokenId))) throw notFound(`token ${tokenId}`);
    res.status(204).end();
  });
  router.use(() => {
    throw new HttpError(404, 'not_found', 'no such route');
  });
  return router;
}

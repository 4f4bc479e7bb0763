import { Router } from 'express';
import { z } from 'zod';
import { pgText } from '../../contracts/schemas/pg-safe';
import { writeBackSettingsPutSchema } from '../../contracts/schemas/responses/settings';
import { findWriteBackSwitches, saveWriteBackSwitches } from '../../db/organizations';
import { organizationOf } from '../context';
import type { ApiDeps } from '../deps';
import { parseOr400 } from '../middleware/validate';
import { describeInstantlySettings } from './settings-describe';

// The key travels in an HTTP header: visible ASCII only (a header cannot carry more, and the stored last-4
// characters can then never be half of a surrogate pair).
const apiKey = pgText(500)
  .trim()
  .min(8, 'apiKey looks too short')
  .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII characters');
export const putSchema = z.object({ apiKey }).strict();

/**
 * Instantly settings of the caller's organization: PUT stores the API key encrypted (AES-256-GCM) and tests it; GET shows
 * whether one is usable (never the key), its age and warnings; POST /settings/instantly/test checks the
 * connection. PUT replaces the key without downtime (see KEY_CHANGE_NOTE).
 */
export function settingsRoutes({ prisma, instantly, env }: ApiDeps): Router {
  const router = Router();
  const testConnection = async (organizationId: string) => {
    try {
      const client = await instantly.forOrganization(organizationId);
      await client.listCampaigns({ limit: 1 });
      return { ok: true as const };
    } catch (err) {
      return { ok: false as const, error: err instanceof Error ? err.message : String(err) };
    }
  };
  const describe = (organizationId: string) => describeInstantlySettings({ prisma, env }, organizationId);
  router.put('/settings/instantly', async (req, res) => {
    const { apiKey } = parseOr400(putSchema, req.body);
    const organizationId = organizationOf(res);
    await instantly.saveApiKey(organizationId, apiKey);
    res.json({ ...(await describe(organizationId)), connection: await testConnection(organizationId) });
  });
  router.get('/settings/instantly', async (_req, res) => {
    res.json(await describe(organizationOf(res)));
  });
  router.post('/settings/instantly/test', async (_req, res) => {
    res.json(await testConnection(organizationOf(res)));
  });
  // Issue 16: the write-back switches (off by default), read by the write-back activity on every run.
  router.get('/settings/instantly/write-back', async (_req, res) => {
    res.json(await findWriteBackSwitches(prisma, organizationOf(res)));
  });
  router.put('/settings/instantly/write-back', async (req, res) => {
    const change = parseOr400(writeBackSettingsPutSchema, req.body);
    res.json(await saveWriteBackSwitches(prisma, organizationOf(res), change));
  });
  return router;
}

import { Router } from 'express';
import { z } from 'zod';
import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import type { ApiDeps } from '../deps';
import { parseOr400 } from '../middleware/validate';

const putSchema = z.object({ apiKey: z.string().trim().min(8, 'apiKey looks too short').max(500) }).strict();

/**
 * Instantly settings of the organization: PUT stores the API key encrypted (AES-256-GCM) and tests it; GET shows
 * whether one is configured (never the key); POST /settings/instantly/test checks the connection.
 */
export function settingsRoutes({ prisma, instantly, env }: ApiDeps): Router {
  const router = Router();
  const organizationId = DEFAULT_ORGANIZATION_ID;
  const testConnection = async () => {
    try {
      const client = await instantly.forOrganization(organizationId);
      await client.listCampaigns({ limit: 1 });
      return { ok: true as const };
    } catch (err) {
      return { ok: false as const, error: err instanceof Error ? err.message : String(err) };
    }
  };
  const describe = async () => {
    const s = await prisma.instantlySettings.findUnique({ where: { organizationId } });
    const source = s?.apiKeyEncrypted ? 'organization' : env.INSTANTLY_API_KEY ? 'environment' : null;
    return {
      organizationId,
      configured: source !== null,
      source,
      apiKeyLast4: s?.apiKeyLast4 ?? null,
      instantlyApiUrl: env.INSTANTLY_API_URL,
      webhook: {
        id: s?.webhookId ?? null,
        status: s?.webhookStatus ?? null,
        checkedAt: s?.webhookCheckedAt ?? null,
      },
    };
  };
  router.put('/settings/instantly', async (req, res) => {
    const { apiKey } = parseOr400(putSchema, req.body);
    await instantly.saveApiKey(organizationId, apiKey);
    res.json({ ...(await describe()), connection: await testConnection() });
  });
  router.get('/settings/instantly', async (_req, res) => {
    res.json(await describe());
  });
  router.post('/settings/instantly/test', async (_req, res) => {
    res.json(await testConnection());
  });
  return router;
}

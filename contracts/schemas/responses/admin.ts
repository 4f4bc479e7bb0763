import { z } from 'zod';
import { isoDateTime, uuid } from './common';

// The admin API (ADMIN_TOKEN) of issue 13. Loose objects: the fields integrators rely on are required, more may
// be added without breaking them.

/** POST /api/admin/organizations (201): the organization and its first token, shown once. */
export const organizationCreatedResponseSchema = z.looseObject({
  id: uuid,
  name: z.string(),
  apiToken: z.string().meta({ description: 'shown once; stored only as its SHA-256' }),
  tokenId: uuid,
});

/** GET /api/admin/organizations. */
export const organizationListResponseSchema = z.looseObject({
  items: z.array(z.looseObject({ id: uuid, name: z.string(), createdAt: isoDateTime.optional() })),
});

/** POST /api/admin/organizations/:id/tokens (201): another token of the organization, shown once. */
export const tokenCreatedResponseSchema = z.looseObject({ tokenId: uuid, apiToken: z.string() });

/** GET /api/admin/organizations/:organizationId/tokens: the organization's tokens, never the tokens themselves. */
export const tokenListResponseSchema = z.object({
  items: z.array(
    z.object({
      id: uuid,
      label: z.string().nullable(),
      createdAt: isoDateTime,
      lastUsedAt: isoDateTime.nullable(),
      revokedAt: isoDateTime.nullable(),
    }),
  ),
});

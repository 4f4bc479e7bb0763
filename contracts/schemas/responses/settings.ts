import { z } from 'zod';
import { nullableDateTime, uuid } from './common';

/** The organization's write-back switches (issue 16); both off by default. */
export const writeBackSettingsSchema = z.object({
  interestWriteBack: z.boolean().meta({
    description: "write each classified reply's interest (mapped labels) to Instantly's lead interest status",
  }),
  blockListWriteBack: z.boolean().meta({
    description: "add the address of a reply asking to stop contact to Instantly's block list",
  }),
});

/** PUT /api/settings/instantly/write-back: one or both switches. */
export const writeBackSettingsPutSchema = writeBackSettingsSchema
  .partial()
  .strict()
  .refine((b) => b.interestWriteBack !== undefined || b.blockListWriteBack !== undefined, {
    message: 'give interestWriteBack and/or blockListWriteBack',
  });

/** GET /api/settings/instantly: whether a usable Instantly key exists (never the key). */
export const instantlySettingsResponseSchema = z.object({
  organizationId: uuid,
  configured: z.boolean(),
  source: z.enum(['organization', 'environment']).nullable(),
  problem: z.object({ code: z.literal('secret_undecryptable'), message: z.string() }).nullable(),
  apiKeyLast4: z.string().nullable(),
  apiKeySetAt: nullableDateTime,
  apiKeyAgeDays: z.number().int().nullable(),
  apiKeyMaxAgeDays: z.number().int(),
  keyChange: z.string().meta({ description: 'what a key change means for running exports' }),
  warnings: z.array(z.string()),
  instantlyApiUrl: z.string(),
  webhook: z.object({
    id: z.string().nullable(),
    status: z.string().nullable(),
    checkedAt: nullableDateTime,
  }),
  writeBack: writeBackSettingsSchema,
});

/** POST /api/settings/instantly/test: one real call to Instantly with the stored key. */
export const connectionTestResponseSchema = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

/** PUT /api/settings/instantly: the settings after the change, and the connection test. */
export const instantlySettingsPutResponseSchema = instantlySettingsResponseSchema.extend({
  connection: connectionTestResponseSchema,
});

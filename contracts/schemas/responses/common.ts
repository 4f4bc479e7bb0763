import { z } from 'zod';

/**
 * Response schemas of our HTTP API, written from what the routes send (api/routes/**, api/services/**). They
 * feed the OpenAPI document (api/openapi/) and the contract tests validate real answers against them, so a
 * route that starts sending another shape fails a test. zod only (workflow-safe, like the request schemas).
 */

/** A JSON date-time as the API prints it (`Date#toJSON`: ISO 8601, UTC). */
export const isoDateTime = z.iso.datetime({ offset: true });
export const nullableDateTime = isoDateTime.nullable();
export const uuid = z.uuid();

/** One bad field of a request: `body.schedule.timezone`, `query.limit`, `params.campaignId`, `line 3.name`. */
export const fieldProblemSchema = z.object({
  path: z.string().meta({ description: 'where: body.…, query.…, params.…, headers.…, or line N.… (NDJSON)' }),
  message: z.string(),
});

/** Every error answer: `{ error: { code, message, details? } }` (api/errors.ts, api/middleware/error-handler.ts). */
export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string().meta({ description: 'stable machine-readable code, e.g. not_found, conflict' }),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

/**
 * A 400: `validation_failed` names every bad field in `details[].path` (prefixed with where it was: body, query,
 * params, headers); `malformed_json` (a body that is not JSON) and `bad_request` carry no details.
 */
export const badRequestResponseSchema = z.object({
  error: z.object({
    code: z.enum(['validation_failed', 'malformed_json', 'bad_request']),
    message: z.string(),
    details: z.array(fieldProblemSchema).optional(),
  }),
});

/** A keyset page: `nextCursor` is null on the last page. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

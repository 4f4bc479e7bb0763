import { errorResponseSchema } from '../../contracts/schemas/responses/common';
import type { ResponseSpec } from './types';

/** An error answer (`{ error: { code, message, details? } }`) with what it means on this route. */
export const errorAnswer = (status: number, description: string): ResponseSpec => ({
  status,
  description,
  schema: errorResponseSchema,
});

export const notFoundAnswer = (what: string): ResponseSpec =>
  errorAnswer(404, `not_found: no ${what} with this id in the caller's organization`);

export const instantlyNotConfigured = errorAnswer(
  409,
  'instantly_not_configured: no usable Instantly API key (PUT /api/settings/instantly)',
);

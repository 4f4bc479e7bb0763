import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ExportRequest } from '../../contracts/schemas/export-request';

/**
 * The Idempotency-Key header: 1–255 visible ASCII characters (a UUID, a ULID, an n8n execution id…). Only
 * printable ASCII, so it is storable and safe to echo.
 */
export const idempotencyKeySchema = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII characters only');

const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v);

/**
 * The canonical request hash: key order and absent-vs-false flags (`force`, `allowReexport`) do not change it,
 * so `{…, "force": false}` is the same request as `{…}`.
 */
export function exportRequestHash(request: ExportRequest): string {
  const { force, allowReexport, ...rest } = request;
  const normalised = { ...rest, force: force || undefined, allowReexport: allowReexport || undefined };
  return createHash('sha256').update(canonical(normalised)).digest('hex');
}

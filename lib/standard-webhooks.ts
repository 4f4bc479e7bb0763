import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks (https://www.standardwebhooks.com) signing, the scheme our subscribers (the n8n trigger)
 * verify: headers `webhook-id`, `webhook-timestamp` (unix seconds) and `webhook-signature: v1,<base64>` where
 * the signature is HMAC-SHA256 over `${id}.${timestamp}.${body}` keyed with the base64-decoded secret after the
 * `whsec_` prefix. Several space-separated signatures may be present (secret rotation).
 */
export const SECRET_PREFIX = 'whsec_';

/** A new secret: `whsec_` + base64(32 random bytes). */
export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

function keyOf(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new RangeError('webhook secret is empty');
  return key;
}

/** The `v1,<base64>` signature of one message. */
export function sign(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', keyOf(secret))
    .update(`${id}.${timestampSeconds}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

/** The three headers to send with `body`. */
export function signedHeaders(
  secret: string,
  id: string,
  body: string,
  now: Date = new Date(),
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': sign(secret, id, timestamp, body),
  };
}

/** Why a message did not verify. */
export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
}

/**
 * Verifies a received message; throws WebhookVerificationError when a header is missing, the timestamp is more
 * than `toleranceSeconds` (default 300) away from `now`, or no `v1` signature matches (constant-time compare).
 */
export function verify(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  options: { toleranceSeconds?: number; now?: Date } = {},
): void {
  const header = (name: string): string => {
    const v = headers[name];
    const value = Array.isArray(v) ? v[0] : v;
    if (!value) throw new WebhookVerificationError(`missing header ${name}`);
    return value;
  };
  const id = header('webhook-id');
  const timestamp = Number(header('webhook-timestamp'));
  const signatures = header('webhook-signature');
  if (!Number.isInteger(timestamp)) throw new WebhookVerificationError('invalid webhook-timestamp');
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) {
    throw new WebhookVerificationError('webhook-timestamp is outside the tolerance');
  }
  const expected = Buffer.from(sign(secret, id, timestamp, body).slice(3), 'base64');
  const matches = signatures.split(' ').some((entry) => {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || !value) return false;
    const presented = Buffer.from(value, 'base64');
    return presented.length === expected.length && timingSafeEqual(presented, expected);
  });
  if (!matches) throw new WebhookVerificationError('no matching signature');
}

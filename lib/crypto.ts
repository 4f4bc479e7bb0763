import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { decodeKey } from './secret-strength';

/**
 * AES-256-GCM encryption for secrets at rest (the organization's Instantly API key), with a key ring so the
 * settings key can rotate. Format: `v2.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts); the key id is a hash
 * of the key (never the key). `v1.<iv>.<tag>.<ciphertext>` values from before the ring have no key id: every
 * key of the ring is tried. The associated data binds a ciphertext to its row (e.g. the organization id), so a
 * value copied to another row fails to decrypt.
 *
 * `key` is one key or a comma-separated ring, current key first (env.SETTINGS_ENCRYPTION_KEY is the ring):
 * encryption uses the first key, decryption the key the value names.
 */
export function encryptSecret(plaintext: string, key: string, associatedData = ''): string {
  const current = keyring(key)[0]!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', current.bytes, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    'v2',
    current.id,
    ...[iv, cipher.getAuthTag(), ciphertext].map((p) => p.toString('base64url')),
  ].join('.');
}

/** Decrypts a value from encryptSecret; throws SecretDecryptionError when tampered with or no key fits. */
export function decryptSecret(sealed: string, key: string, associatedData = ''): string {
  const ring = keyring(key);
  const parts = sealed.split('.');
  if (parts[0] === 'v2' && parts.length === 5) {
    const entry = ring.find((k) => k.id === parts[1]);
    if (!entry)
      throw new SecretDecryptionError(
        `secret was encrypted with key ${parts[1]}, which is not in SETTINGS_ENCRYPTION_KEYS`,
        'unknown_key',
        parts[1],
      );
    const plain = open(entry.bytes, parts.slice(2), associatedData);
    if (plain !== null) return plain;
  } else if (parts[0] === 'v1' && parts.length === 4) {
    for (const entry of ring) {
      const plain = open(entry.bytes, parts.slice(1), associatedData);
      if (plain !== null) return plain;
    }
    throw new SecretDecryptionError(
      'secret (stored before key ids) fits no key in SETTINGS_ENCRYPTION_KEYS, or was tampered with',
      'unknown_key',
      null,
    );
  } else {
    throw new SecretDecryptionError('unknown secret format', 'format', null);
  }
  throw new SecretDecryptionError(
    'secret could not be decrypted (tampered with, or wrong key)',
    'tampered',
    parts[1],
  );
}

/** The key id a sealed value names ('v1' values have none: null). */
export function secretKeyId(sealed: string): string | null {
  const parts = sealed.split('.');
  return parts[0] === 'v2' && parts.length === 5 ? parts[1]! : null;
}

/** The id of the ring's current (first) key: values sealed with another key need `npm run keys:rotate`. */
export function currentKeyId(key: string): string {
  return keyring(key)[0]!.id;
}

/** Why a secret could not be decrypted: `unknown_key` (rotated away — add the old key back), or worse. */
export class SecretDecryptionError extends Error {
  override name = 'SecretDecryptionError';
  constructor(
    message: string,
    readonly reason: 'unknown_key' | 'tampered' | 'format' = 'tampered',
    readonly keyId: string | null = null,
  ) {
    super(message);
  }
}

function open(key: Buffer, parts: string[], associatedData: string): string | null {
  const [iv, tag, ciphertext] = parts.map((p) => Buffer.from(p, 'base64url'));
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv!);
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(ciphertext!), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

type RingEntry = { id: string; bytes: Buffer };
const rings = new Map<string, RingEntry[]>();

/** Parses (once per distinct ring string) a comma-separated key ring into ids and key bytes. */
function keyring(keys: string): RingEntry[] {
  let ring = rings.get(keys);
  if (!ring) {
    ring = keys
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean)
      .map((k) => {
        const bytes = decodeKey(k);
        if (!bytes) throw new Error('encryption key must be 32 bytes (64 hex chars or base64)');
        return { id: keyIdOf(bytes), bytes };
      });
    if (ring.length === 0) throw new Error('encryption key ring is empty');
    if (rings.size > 100) rings.clear(); // bounded: tests build many rings; a service has one
    rings.set(keys, ring);
  }
  return ring;
}

/** 8 bytes of SHA-256 over a label and the key: names the key without revealing it. */
function keyIdOf(bytes: Buffer): string {
  return createHash('sha256')
    .update('instantly-bridge settings key id\0')
    .update(bytes)
    .digest()
    .subarray(0, 8)
    .toString('base64url');
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { decodeKey } from './env';

/**
 * AES-256-GCM encryption for secrets at rest (the organization's Instantly API key).
 * Format: `v1.<iv b64url>.<tag b64url>.<ciphertext b64url>`. The associated data binds a ciphertext to its
 * row (e.g. the organization id), so a value copied to another row fails to decrypt.
 */
export function encryptSecret(plaintext: string, key: string, associatedData = ''): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyBytes(key), iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** Decrypts a value from encryptSecret; throws SecretDecryptionError when tampered with or the key is wrong. */
export function decryptSecret(sealed: string, key: string, associatedData = ''): string {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== 'v1') throw new SecretDecryptionError('unknown secret format');
  const [, iv, tag, ciphertext] = parts.map((p) => Buffer.from(p, 'base64url'));
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyBytes(key), iv!);
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(ciphertext!), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretDecryptionError('secret could not be decrypted (tampered with, or wrong key)');
  }
}

export class SecretDecryptionError extends Error {
  override name = 'SecretDecryptionError';
}

function keyBytes(key: string): Buffer {
  const bytes = decodeKey(key);
  if (!bytes) throw new Error('encryption key must be 32 bytes (64 hex chars or base64)');
  return bytes;
}

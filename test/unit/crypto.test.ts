import { createCipheriv, randomBytes } from 'node:crypto';
import {
  currentKeyId,
  decryptSecret,
  encryptSecret,
  SecretDecryptionError,
  secretKeyId,
} from '../../lib/crypto';

describe('API-key encryption at rest (AES-256-GCM)', () => {
  const key = randomBytes(32).toString('hex');
  const apiKey = 'NjY4ZTdhYjQtYzU2Mi00YzFhLWJmZTAtNzU5ZDY3ZjJhOTQ1OmZha2Uta2V5LWZvci10ZXN0cw==';

  it('round-trips and never contains the plaintext', () => {
    const sealed = encryptSecret(apiKey, key, 'org-1');
    expect(sealed).not.toContain(apiKey);
    expect(sealed).toMatch(/^v2\.[\w-]+\./); // v2.<key id>.<iv>.<tag>.<ciphertext>
    expect(decryptSecret(sealed, key, 'org-1')).toBe(apiKey);
    expect(encryptSecret(apiKey, key, 'org-1')).not.toBe(sealed); // fresh IV each time
  });

  it('fails on tampering, on the wrong key and on another row’s associated data', () => {
    const sealed = encryptSecret(apiKey, key, 'org-1');
    const parts = sealed.split('.');
    const ct = Buffer.from(parts[4]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    const tampered = [...parts.slice(0, 4), ct.toString('base64url')].join('.');
    expect(() => decryptSecret(tampered, key, 'org-1')).toThrow(SecretDecryptionError);
    const tag = Buffer.from(parts[3]!, 'base64url');
    tag[0] = tag[0]! ^ 1;
    expect(() =>
      decryptSecret([...parts.slice(0, 3), tag.toString('base64url'), parts[4]].join('.'), key, 'org-1'),
    ).toThrow(expect.objectContaining({ reason: 'tampered' }));
    expect(() => decryptSecret(sealed, randomBytes(32).toString('base64'), 'org-1')).toThrow(
      SecretDecryptionError,
    );
    expect(() => decryptSecret(sealed, key, 'org-2')).toThrow(SecretDecryptionError);
    expect(() => decryptSecret('garbage', key)).toThrow(SecretDecryptionError);
  });
});

describe('settings key ring (issue 11 item 3)', () => {
  const oldKey = randomBytes(32).toString('hex');
  const newKey = randomBytes(32).toString('base64');

  it('names the key in the ciphertext; after rotation old values still decrypt, new ones use the current key', () => {
    const sealedOld = encryptSecret('instantly-key', oldKey, 'org-1');
    expect(secretKeyId(sealedOld)).toBe(currentKeyId(oldKey));
    const ring = `${newKey},${oldKey}`;
    expect(decryptSecret(sealedOld, ring, 'org-1')).toBe('instantly-key');
    const sealedNew = encryptSecret('instantly-key', ring, 'org-1');
    expect(secretKeyId(sealedNew)).toBe(currentKeyId(newKey));
    expect(secretKeyId(sealedNew)).not.toBe(secretKeyId(sealedOld));
    expect(decryptSecret(sealedNew, newKey, 'org-1')).toBe('instantly-key');
    expect(sealedNew).not.toContain(newKey);
  });

  it('a key id not in the ring is an unknown_key SecretDecryptionError naming the id, not a generic failure', () => {
    const sealed = encryptSecret('instantly-key', oldKey, 'org-1');
    let error: unknown;
    try {
      decryptSecret(sealed, newKey, 'org-1');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SecretDecryptionError);
    expect((error as SecretDecryptionError).reason).toBe('unknown_key');
    expect((error as SecretDecryptionError).keyId).toBe(currentKeyId(oldKey));
    expect((error as Error).message).toMatch(/SETTINGS_ENCRYPTION_KEYS/);
  });

  it('values sealed before key ids (v1, no key id) still decrypt with any key of the ring', () => {
    // the v1 format exactly as the previous encryptSecret wrote it
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(oldKey, 'hex'), iv);
    cipher.setAAD(Buffer.from('org-1', 'utf8'));
    const ct = Buffer.concat([cipher.update('legacy-key', 'utf8'), cipher.final()]);
    const v1 = ['v1', iv, cipher.getAuthTag(), ct]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
    expect(secretKeyId(v1)).toBeNull();
    expect(decryptSecret(v1, oldKey, 'org-1')).toBe('legacy-key');
    expect(decryptSecret(v1, `${newKey},${oldKey}`, 'org-1')).toBe('legacy-key');
    expect(() => decryptSecret(v1, newKey, 'org-1')).toThrow(SecretDecryptionError);
    expect(() => decryptSecret(v1, `${newKey},${oldKey}`, 'org-2')).toThrow(SecretDecryptionError);
  });
});

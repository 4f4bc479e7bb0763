import { randomBytes } from 'node:crypto';
import { decryptSecret, encryptSecret, SecretDecryptionError } from '../../lib/crypto';

describe('API-key encryption at rest (AES-256-GCM)', () => {
  const key = randomBytes(32).toString('hex');
  const apiKey = 'NjY4ZTdhYjQtYzU2Mi00YzFhLWJmZTAtNzU5ZDY3ZjJhOTQ1OmZha2Uta2V5LWZvci10ZXN0cw==';

  it('round-trips and never contains the plaintext', () => {
    const sealed = encryptSecret(apiKey, key, 'org-1');
    expect(sealed).not.toContain(apiKey);
    expect(sealed).toMatch(/^v1\./);
    expect(decryptSecret(sealed, key, 'org-1')).toBe(apiKey);
    expect(encryptSecret(apiKey, key, 'org-1')).not.toBe(sealed); // fresh IV each time
  });

  it('fails on tampering, on the wrong key and on another row’s associated data', () => {
    const sealed = encryptSecret(apiKey, key, 'org-1');
    const parts = sealed.split('.');
    const ct = Buffer.from(parts[3]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    const tampered = [...parts.slice(0, 3), ct.toString('base64url')].join('.');
    expect(() => decryptSecret(tampered, key, 'org-1')).toThrow(SecretDecryptionError);
    const tag = Buffer.from(parts[2]!, 'base64url');
    tag[0] = tag[0]! ^ 1;
    expect(() =>
      decryptSecret([parts[0], parts[1], tag.toString('base64url'), parts[3]].join('.'), key, 'org-1'),
    ).toThrow(SecretDecryptionError);
    expect(() => decryptSecret(sealed, randomBytes(32).toString('base64'), 'org-1')).toThrow(
      SecretDecryptionError,
    );
    expect(() => decryptSecret(sealed, key, 'org-2')).toThrow(SecretDecryptionError);
    expect(() => decryptSecret('garbage', key)).toThrow(SecretDecryptionError);
  });
});

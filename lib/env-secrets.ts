import { decodeKey, weakKeyReason, weakTokenReason } from './secret-strength';

/** The public development values: usable only when NODE_ENV is explicitly development or test. */
export const DEV_API_TOKEN = 'dev-api-token-change-me';
export const DEV_ENCRYPTION_KEY = '0'.repeat(63) + '1';
export const DEV_WEBHOOK_SECRET = 'dev-webhook-secret-change-me';

const DEV_VALUES = new Set([DEV_API_TOKEN, DEV_WEBHOOK_SECRET, DEV_ENCRYPTION_KEY]);

export interface SecretInputs {
  relaxed: boolean;
  API_TOKEN?: string | undefined;
  ADMIN_TOKEN?: string | undefined;
  WEBHOOK_SECRET?: string | undefined;
  WEBHOOK_SECRET_PREVIOUS?: string | undefined;
  SETTINGS_ENCRYPTION_KEY?: string | undefined;
  SETTINGS_ENCRYPTION_KEYS?: string | undefined;
}

type Issue = { key: string; message: string };

/** The key ring as configured: SETTINGS_ENCRYPTION_KEYS (current first), else SETTINGS_ENCRYPTION_KEY alone. */
export function configuredKeys(e: Omit<SecretInputs, 'relaxed'>): string[] {
  if (e.SETTINGS_ENCRYPTION_KEYS)
    return e.SETTINGS_ENCRYPTION_KEYS.split(',')
      .map((k) => k.trim())
      .filter(Boolean);
  return e.SETTINGS_ENCRYPTION_KEY ? [e.SETTINGS_ENCRYPTION_KEY] : [];
}

/**
 * Every problem with the secrets, at once. Always: keys must decode strictly to 32 bytes, and
 * SETTINGS_ENCRYPTION_KEY (when both are set) must be one of SETTINGS_ENCRYPTION_KEYS. Outside an explicit
 * development/test mode also: each secret is present, is not a published development value, and is not weak.
 */
export function secretIssues(e: SecretInputs): Issue[] {
  const issues: Issue[] = [];
  const keys = configuredKeys(e);
  const keyVar = e.SETTINGS_ENCRYPTION_KEYS ? 'SETTINGS_ENCRYPTION_KEYS' : 'SETTINGS_ENCRYPTION_KEY';
  if (e.SETTINGS_ENCRYPTION_KEYS && keys.length === 0) issues.push({ key: keyVar, message: 'lists no key' });
  keys.forEach((k, i) => {
    const where = keys.length > 1 ? `key ${i + 1}` : 'the key';
    const bytes = decodeKey(k);
    if (!bytes) {
      issues.push({
        key: keyVar,
        message: `${where} must be 32 bytes as 64 hex chars or base64 (43/44 chars)`,
      });
    } else if (!e.relaxed) {
      const weak = DEV_VALUES.has(k) ? 'is the published development key' : weakKeyReason(bytes);
      if (weak) issues.push({ key: keyVar, message: `${where} ${weak}` });
    }
  });
  if (e.SETTINGS_ENCRYPTION_KEYS && e.SETTINGS_ENCRYPTION_KEY && !keys.includes(e.SETTINGS_ENCRYPTION_KEY))
    issues.push({
      key: 'SETTINGS_ENCRYPTION_KEY',
      message: 'is not in SETTINGS_ENCRYPTION_KEYS: list it there (as an old key) or unset it',
    });
  // Always, development too: the admin token must not also be an organization's bearer token.
  if (e.ADMIN_TOKEN && e.ADMIN_TOKEN === (e.API_TOKEN ?? DEV_API_TOKEN))
    issues.push({ key: 'ADMIN_TOKEN', message: 'must differ from API_TOKEN' });
  if (e.relaxed) return issues;
  if (keys.length === 0)
    issues.push({ key: 'SETTINGS_ENCRYPTION_KEYS', message: 'is required (or SETTINGS_ENCRYPTION_KEY)' });
  for (const name of ['API_TOKEN', 'ADMIN_TOKEN', 'WEBHOOK_SECRET', 'WEBHOOK_SECRET_PREVIOUS'] as const) {
    const value = e[name];
    if (!value) {
      // Optional ones: no admin API, no previous webhook secret.
      if (name === 'API_TOKEN' || name === 'WEBHOOK_SECRET')
        issues.push({ key: name, message: 'is required' });
      continue;
    }
    const weak = DEV_VALUES.has(value) ? 'is a published development value' : weakTokenReason(value);
    if (weak) issues.push({ key: name, message: weak });
  }
  if (e.API_TOKEN && e.API_TOKEN === e.WEBHOOK_SECRET)
    issues.push({ key: 'WEBHOOK_SECRET', message: 'must differ from API_TOKEN' });
  return issues;
}

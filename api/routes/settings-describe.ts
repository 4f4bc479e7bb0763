import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import { findInstantlySettings } from '../../db/organizations';
import { decryptSecret, SecretDecryptionError } from '../../lib/crypto';
import { undecryptableKeyMessage } from '../../lib/instantly-accounts';
import type { ApiDeps } from '../deps';

const DAY_MS = 86_400_000;

/** What PUT /api/settings/instantly means for exports already running (documented in the answer). */
export const KEY_CHANGE_NOTE =
  'A new key is used from the next Instantly call of every running export and sync (each activity reads the ' +
  'stored key); a request already in flight finishes with the old key. Both keys must belong to the same ' +
  'Instantly workspace, and the old key should stay valid until running exports are done.';

/**
 * The organization's Instantly settings as GET /api/settings/instantly shows them: never the key; whether it is
 * usable (a stored key no key of SETTINGS_ENCRYPTION_KEYS opens is NOT configured, with what to do), its age,
 * and warnings (older than INSTANTLY_API_KEY_MAX_AGE_DAYS).
 */
export async function describeInstantlySettings(
  { prisma, env }: Pick<ApiDeps, 'prisma' | 'env'>,
  organizationId: string,
  now = new Date(),
) {
  const s = await findInstantlySettings(prisma, organizationId);
  // INSTANTLY_API_KEY is the default organization's only (lib/instantly-accounts.ts).
  const envKey = env.INSTANTLY_API_KEY && organizationId === DEFAULT_ORGANIZATION_ID;
  const source = s?.apiKeyEncrypted ? 'organization' : envKey ? 'environment' : null;
  let problem: { code: 'secret_undecryptable'; message: string } | null = null;
  if (s?.apiKeyEncrypted) {
    try {
      decryptSecret(s.apiKeyEncrypted, env.SETTINGS_ENCRYPTION_KEY, organizationId);
    } catch (err) {
      if (!(err instanceof SecretDecryptionError)) throw err;
      problem = { code: 'secret_undecryptable', message: undecryptableKeyMessage(organizationId, err) };
    }
  }
  const setAt = source === 'organization' ? (s?.apiKeySetAt ?? null) : null;
  const ageDays = setAt ? Math.floor((now.getTime() - setAt.getTime()) / DAY_MS) : null;
  const maxAgeDays = env.INSTANTLY_API_KEY_MAX_AGE_DAYS;
  const warnings: string[] = [];
  if (problem) warnings.push(problem.message);
  if (ageDays !== null && ageDays > maxAgeDays)
    warnings.push(
      `the Instantly API key is ${ageDays} days old (rotate every ${maxAgeDays} days): create a new key in ` +
        'Instantly, PUT /api/settings/instantly with it, then revoke the old one once running exports are done',
    );
  if (source === 'environment')
    warnings.push('the key comes from INSTANTLY_API_KEY: its age is unknown; rotate it with the deployment');
  return {
    organizationId,
    configured: source !== null && problem === null,
    source,
    problem,
    apiKeyLast4: s?.apiKeyLast4 ?? null,
    apiKeySetAt: setAt,
    apiKeyAgeDays: ageDays,
    apiKeyMaxAgeDays: maxAgeDays,
    keyChange: KEY_CHANGE_NOTE,
    warnings,
    instantlyApiUrl: env.INSTANTLY_API_URL,
    webhook: {
      id: s?.webhookId ?? null,
      status: s?.webhookStatus ?? null,
      checkedAt: s?.webhookCheckedAt ?? null,
    },
    writeBack: {
      interestWriteBack: s?.interestWriteBack ?? false,
      blockListWriteBack: s?.blockListWriteBack ?? false,
    },
  };
}

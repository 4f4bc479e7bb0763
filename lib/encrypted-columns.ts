import { webhookSecretAad } from './engagement/webhook-secrets';
import { subscriptionSecretAad } from './subscription-secret';

/**
 * THE list of database columns holding values sealed by lib/crypto.ts (encryptSecret) with the settings key
 * ring. `npm run keys:rotate` re-encrypts exactly these; a new encrypted column adds ONE entry here.
 * Identifiers are constants (never outside input): key-rotation.ts quotes them into SQL.
 */
export interface EncryptedColumn {
  /** What the secret is, for the rotation report. */
  readonly what: string;
  readonly table: string;
  /** The row's primary key column (single column). */
  readonly idColumn: string;
  /** The column holding the sealed value (NULL = no secret stored). */
  readonly column: string;
  /** The column whose text value is the associated data given to encryptSecret; null for none (''). */
  readonly associatedDataColumn: string | null;
  /** When the associated data is built from several columns: their text values in order → the data. */
  readonly associatedData?: {
    readonly columns: readonly string[];
    readonly build: (values: readonly string[]) => string;
  };
}

export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  {
    what: "organization's Instantly API key",
    table: 'organization_instantly_settings',
    idColumn: 'organization_id',
    column: 'api_key_encrypted',
    associatedDataColumn: 'organization_id',
  },
  {
    what: 'event subscription signing secret',
    table: 'event_subscriptions',
    idColumn: 'id',
    column: 'secret_sealed',
    associatedDataColumn: null,
    associatedData: {
      columns: ['organization_id', 'target_url'],
      build: ([organizationId = '', targetUrl = '']) => subscriptionSecretAad(organizationId, targetUrl),
    },
  },
  {
    what: "organization's webhook secret",
    table: 'organization_instantly_settings',
    idColumn: 'organization_id',
    column: 'webhook_secret_encrypted',
    associatedDataColumn: null,
    associatedData: { columns: ['organization_id'], build: ([id = '']) => webhookSecretAad(id) },
  },
  {
    what: "organization's previous webhook secret (rotation grace period)",
    table: 'organization_instantly_settings',
    idColumn: 'organization_id',
    column: 'webhook_secret_previous_encrypted',
    associatedDataColumn: null,
    associatedData: { columns: ['organization_id'], build: ([id = '']) => webhookSecretAad(id) },
  },
];

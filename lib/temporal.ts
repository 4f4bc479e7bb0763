import { Client, Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_NAMES } from '../contracts/search-attributes';
import type { Env } from './env';

/** Opens a Temporal client for the configured cluster (TEMPORAL_ADDRESS or the local dev server). */
export async function createTemporalClient(
  env: Pick<Env, 'TEMPORAL_ADDRESS_RESOLVED' | 'TEMPORAL_NAMESPACE'>,
): Promise<Client> {
  const connection = await Connection.connect({
    address: env.TEMPORAL_ADDRESS_RESOLVED,
    connectTimeout: '5s',
  });
  return new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
}

/**
 * Registers our custom search attributes (Keyword) when the cluster lacks them. Idempotent; on a cluster where
 * the caller may not change the namespace, the error names the attributes an operator must create.
 */
export async function ensureSearchAttributes(client: Client, namespace: string): Promise<void> {
  const existing = await client.connection.operatorService.listSearchAttributes({ namespace });
  const missing = SEARCH_ATTRIBUTE_NAMES.filter((n) => !(n in (existing.customAttributes ?? {})));
  if (missing.length === 0) return;
  try {
    await client.connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((n) => [n, 2 /* INDEXED_VALUE_TYPE_KEYWORD */])),
    });
  } catch (err) {
    throw new Error(
      `Temporal namespace ${namespace} lacks search attributes ${missing.join(', ')} and they could not be added ` +
        `(${String(err)}). Create them: ${missing.map((n) => `temporal operator search-attribute create --name ${n} --type Keyword`).join('; ')}`,
    );
  }
}

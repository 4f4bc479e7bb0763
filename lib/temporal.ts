import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_NAMES } from '../contracts/search-attributes';
import type { Env } from './env';

const GRPC_RESOURCE_EXHAUSTED = 8;

/**
 * The SDK's gRPC retry policy, except for one transient refusal: while a workflow's closing task (e.g. its
 * continue-as-new) is in flight the server answers signals with RESOURCE_EXHAUSTED "workflow is closing", which
 * clears once the worker completes that task. The default backs off 1.7 s, then 2.9 s on RESOURCE_EXHAUSTED (meant for rate
 * limits) — measured: a signalWithStart took 4.2–5.1 s to return. Retry those from 100 ms; real rate limits keep
 * the default backoff.
 */
function grpcRetryInterceptor() {
  return makeGrpcRetryInterceptor(
    defaultGrpcRetryOptions({
      initialIntervalMs: ({ code, details }) =>
        Number(code) === GRPC_RESOURCE_EXHAUSTED && !/workflow is closing/i.test(details) ? 1000 : 100,
    }),
  );
}

/** Opens a Temporal client for the configured cluster (TEMPORAL_ADDRESS or the local dev server). */
export async function createTemporalClient(
  env: Pick<Env, 'TEMPORAL_ADDRESS_RESOLVED' | 'TEMPORAL_NAMESPACE'>,
): Promise<Client> {
  const connection = await Connection.connect({
    address: env.TEMPORAL_ADDRESS_RESOLVED,
    connectTimeout: '5s',
    interceptors: [grpcRetryInterceptor()],
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

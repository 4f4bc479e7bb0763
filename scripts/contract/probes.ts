import {
  createInstantlyClient,
  isInstantlyApiError,
  RateGovernor,
  type InstantlyClient,
} from '../../lib/instantly';
import type { Simulator } from '../../simulator';
import { startReceiver } from './fixtures';
import { probeSchema, targets, type Target } from './probe-targets';
import { checkExchange, recordingFetch, type Exchange, type Finding } from './exchange';
import { trials, type Node } from './probe-values';
import type { Spec } from './spec';

type Path = Array<string | number>;

function setAt(root: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  path.slice(0, -1).forEach((k) => (node = node[k] as Record<string | number, unknown>));
  node[path[path.length - 1]!] = value;
  return copy;
}

/** Every (path, value) variation of a base body: each property of each object the base reaches. */
function* bodyVariations(
  schema: Node,
  base: unknown,
  at: Path = [],
): Generator<{ path: Path; label: string; value: unknown }> {
  if (Array.isArray(base) && schema.items && base.length > 0) {
    yield* bodyVariations(schema.items, base[0], [...at, 0]);
    return;
  }
  if (typeof base !== 'object' || base === null || !schema.properties) return;
  for (const [key, prop] of Object.entries(schema.properties)) {
    for (const t of trials(prop)) yield { path: [...at, key], label: t.label, value: t.value };
    const present = (base as Record<string, unknown>)[key];
    if (present !== undefined) yield* bodyVariations(prop, present, [...at, key]);
  }
  yield { path: [...at, 'zz_probe_extra'], label: 'unknown key', value: 'x' };
}

function queryOf(
  query: Record<string, unknown>,
): Record<string, string | number | boolean | string[]> | undefined {
  const out: Record<string, string | number | boolean | string[]> = {};
  for (const [k, v] of Object.entries(query)) {
    if (v === null || typeof v === 'object') {
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = v;
      else return undefined; // not expressible in a query string
    } else out[k] = v as string | number | boolean;
  }
  return out;
}

async function statusOf(
  client: InstantlyClient,
  t: Target,
  body: unknown,
  query: Record<string, unknown> | undefined,
): Promise<number> {
  try {
    await client.request({ method: t.method, path: t.path, body, query: query as never, idempotent: true });
    return 200;
  } catch (error) {
    if (isInstantlyApiError(error)) return error.status;
    throw error;
  }
}

/**
 * Probes the simulator's validation: for each operation we use, every documented constraint is tried with a
 * value just inside and one just outside (on an otherwise valid request); the document's validator says which
 * should pass, and the simulator must agree (400 for the invalid ones, anything else for the valid ones).
 */
export async function runProbes(
  spec: Spec,
  sim: Simulator,
  key: string,
): Promise<{ count: number; findings: Finding[] }> {
  const exchanges: Exchange[] = [];
  const receiver = await startReceiver();
  const client = createInstantlyClient({
    apiKey: key,
    baseUrl: sim.apiUrl,
    governor: new RateGovernor(),
    maxRetries: 0,
    fetch: recordingFetch(sim.apiUrl, exchanges),
  });
  const findings: Finding[] = [];
  let count = 0;
  try {
    for (const t of await targets(client, `${receiver.url}/hook`)) {
      const probe = probeSchema(spec, t);
      const op = spec.find(t.method, t.path);
      if (!probe || !op) continue;
      for (const v of bodyVariations(probe.schema, probe.base)) {
        // The document does not forbid undocumented query parameters (only our client's use of them is flagged).
        if (t.query && (v.path.length !== 1 || v.label === 'unknown key')) continue;
        const mutated = setAt(probe.base, v.path, v.value) as Record<string, unknown>;
        const query = t.query ? queryOf(mutated) : undefined;
        if (t.query && !query) continue;
        const shouldPass = t.body
          ? checkExchange(spec, {
              method: t.method,
              path: t.path,
              query: new Map(),
              body: mutated,
              status: 200,
              response: undefined,
            }).every((f) => f.where !== 'request')
          : checkExchange(spec, {
              method: t.method,
              path: t.path,
              query: toMap(query!),
              body: undefined,
              status: 200,
              response: undefined,
            }).every((f) => f.where !== 'request');
        count += 1;
        const status = await statusOf(client, t, t.body ? mutated : undefined, query);
        const what = `${v.path.join('.')} = ${JSON.stringify(v.value).slice(0, 60)} (${v.label})`;
        if (shouldPass && status === 400)
          findings.push({
            where: 'probe',
            operation: op.key,
            message: `rejects what the document allows: ${what}`,
          });
        if (!shouldPass && status !== 400)
          findings.push({
            where: 'probe',
            operation: op.key,
            message: `accepts what the document forbids: ${what} → ${status}`,
          });
      }
    }
  } finally {
    await receiver.close();
  }
  // The simulator's answers to probes are held to the document too (e.g. a 400 where none is documented).
  for (const ex of exchanges) findings.push(...checkExchange(spec, ex).filter((f) => f.where === 'response'));
  return { count, findings };
}

function toMap(query: Record<string, string | number | boolean | string[]>): Map<string, string[]> {
  return new Map(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v : [String(v)]]));
}

import { routeMatcher } from './router';

/** One request the simulator received under `/api/v2` (control requests under `/_sim` are not recorded). */
export interface RecordedRequest {
  /** Arrival time, ISO. */
  at: string;
  method: string;
  /** Path without the query string, e.g. `/api/v2/leads/add`. */
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body; the raw text when it was not JSON; undefined when empty. */
  body: unknown;
  /** Response status; null while in flight; 0 when the connection was dropped without an answer. */
  status: number | null;
  /** The API key that sent it (if any). */
  workspace: string | null;
  /** True when a `drop-after-commit`/`drop-before-commit` fault destroyed the socket. */
  dropped: boolean;
  /** The fault kind applied to this request, if any. */
  fault: string | null;
}

/** The request log: an array with `clear()` and `count(route)` helpers attached. */
export type RequestLog = RecordedRequest[] & {
  /** Empties the log in place (the array reference stays the same). */
  clear(): void;
  /** Number of recorded requests matching a route expression, e.g. `count('POST /api/v2/leads/add')`. */
  count(route: string): number;
  /** The recorded requests matching a route expression. */
  matching(route: string): RecordedRequest[];
};

/** Creates an empty request log. */
export function createRequestLog(): RequestLog {
  const log: RecordedRequest[] = [];
  const matching = (route: string): RecordedRequest[] => {
    const match = routeMatcher(route);
    return log.filter((r) => match(r.method, r.path));
  };
  const helpers = {
    clear: () => {
      log.length = 0;
    },
    count: (route: string) => matching(route).length,
    matching,
  };
  for (const [name, value] of Object.entries(helpers)) {
    Object.defineProperty(log, name, { value, enumerable: false });
  }
  return log as RequestLog;
}

/** Flattens URLSearchParams into `{key: value | value[]}` (repeated keys become arrays). */
export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? (all[0] ?? '') : all;
  }
  return out;
}

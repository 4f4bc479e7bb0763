/** Path parameters captured by `:name` segments. */
export type Params = Record<string, string>;

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

/** Matches path segments against a pattern (`:name` captures one segment, `*` any rest). */
export function matchSegments(pattern: readonly string[], path: readonly string[]): Params | undefined {
  const params: Params = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const want = pattern[i] as string;
    if (want === '*') return params;
    const got = path[i];
    if (got === undefined) return undefined;
    if (want.startsWith(':')) params[want.slice(1)] = decodeURIComponent(got);
    else if (want !== got) return undefined;
  }
  return pattern.length === path.length ? params : undefined;
}

/**
 * A route expression as used by faults and request counting: `'POST /api/v2/leads/add'`,
 * `'GET /api/v2/campaigns/:id'`, `'* /api/v2/*'`, or just a path (any method). A path not starting with
 * `/api/v2` or `/_sim` is taken as relative to `/api/v2` (`'POST /leads/add'`).
 */
export function routeMatcher(route: string | undefined): (method: string, path: string) => boolean {
  if (route === undefined || route.trim() === '*' || route.trim() === '') return () => true;
  const parts = route.trim().split(/\s+/);
  const [method, rawPath] =
    parts.length > 1 ? [parts[0]?.toUpperCase() ?? '*', parts[1] ?? ''] : ['*', parts[0] ?? ''];
  const fullPath =
    /^\/(api\/v2|_sim)(\/|$)/.test(rawPath) || rawPath === '*'
      ? rawPath
      : `/api/v2/${rawPath.replace(/^\//, '')}`;
  const pattern = fullPath === '*' ? ['*'] : split(fullPath);
  return (m, path) =>
    (method === '*' || method === m.toUpperCase()) && matchSegments(pattern, split(path)) !== undefined;
}

interface Entry<H> {
  method: string;
  pattern: string[];
  literals: number;
  handler: H;
}

/** A tiny method + path router; the most specific match (most literal segments) wins. */
export class Router<H> {
  private readonly entries: Array<Entry<H>> = [];

  /** Registers a handler for `METHOD pattern`. */
  add(method: string, pattern: string, handler: H): this {
    const segments = split(pattern);
    const literals = segments.filter((s) => !s.startsWith(':') && s !== '*').length;
    this.entries.push({ method: method.toUpperCase(), pattern: segments, literals, handler });
    return this;
  }

  /** The best handler for a request, with its params. */
  match(method: string, path: string): { handler: H; params: Params } | undefined {
    const segments = split(path);
    let best: { handler: H; params: Params; literals: number } | undefined;
    for (const entry of this.entries) {
      if (entry.method !== method.toUpperCase()) continue;
      const params = matchSegments(entry.pattern, segments);
      if (params && (!best || entry.literals > best.literals))
        best = { handler: entry.handler, params, literals: entry.literals };
    }
    return best && { handler: best.handler, params: best.params };
  }
}

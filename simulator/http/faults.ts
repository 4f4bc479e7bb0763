import { z } from 'zod';
import { ApiError } from '../core/errors';
import { createRng, type Rng } from '../core/random';
import { routeMatcher } from './router';

const common = {
  route: z.string().optional(),
  times: z.number().int().min(1).optional(),
  probability: z.number().min(0).max(1).optional(),
  workspace: z.string().optional(),
};

/** Validates a fault rule (also used by `POST /_sim/faults`). */
export const faultRuleSchema = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('latency'), ms: z.number().min(0) }),
  z.object({
    ...common,
    kind: z.literal('status'),
    status: z.number().int().min(400).max(599),
    retryAfterSeconds: z.number().min(0).optional(),
    message: z.string().optional(),
  }),
  z.object({ ...common, kind: z.literal('drop-after-commit') }),
  z.object({ ...common, kind: z.literal('drop-before-commit') }),
]);

/**
 * A fault: which requests (`route` like `'POST /api/v2/leads/add'`, `:id` patterns allowed; omitted = all;
 * `workspace` = only that API key) and how often (`times`, default 1; or `probability` per request, unlimited
 * unless `times` also caps it). `drop-after-commit` performs the write, then destroys the socket unanswered;
 * `drop-before-commit` destroys it without performing anything.
 */
export type FaultRule = z.infer<typeof faultRuleSchema>;

interface ActiveFault {
  id: number;
  rule: FaultRule;
  remaining: number;
  fired: number;
  matches: (method: string, path: string) => boolean;
}

/** What the faults decided for one request. */
export interface FaultOutcome {
  latencyMs: number;
  error?: ApiError;
  drop?: 'after-commit' | 'before-commit';
  kinds: string[];
}

const MESSAGES: Record<number, string> = {
  429: 'Rate limit exceeded',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function statusError(rule: Extract<FaultRule, { kind: 'status' }>): ApiError {
  const headers: Record<string, string> = {};
  if (rule.retryAfterSeconds !== undefined) headers['retry-after'] = String(rule.retryAfterSeconds);
  return new ApiError(rule.status, rule.message ?? MESSAGES[rule.status] ?? 'Simulated failure', { headers });
}

/** Injected HTTP faults for `/api/v2` requests. */
export class FaultRegistry {
  private active: ActiveFault[] = [];
  private nextId = 1;
  private rng: Rng;

  constructor(seed = Date.now()) {
    this.rng = createRng(seed);
  }

  /** Adds a rule; returns its id (for `remove`). Throws on an invalid rule. */
  add(rule: FaultRule): number {
    const parsed = faultRuleSchema.parse(rule);
    const remaining = parsed.times ?? (parsed.probability !== undefined ? Infinity : 1);
    const id = this.nextId++;
    this.active.push({ id, rule: parsed, remaining, fired: 0, matches: routeMatcher(parsed.route) });
    return id;
  }

  /** `count` consecutive 429s (with Instantly's envelope, `Retry-After` only if given) on a route (default all). */
  rateLimitStorm(opts: {
    route?: string;
    count: number;
    retryAfterSeconds?: number;
    workspace?: string;
  }): number {
    const { count, ...rest } = opts;
    return this.add({ kind: 'status', status: 429, times: count, ...rest });
  }

  /** Removes one rule. */
  remove(id: number): boolean {
    const before = this.active.length;
    this.active = this.active.filter((f) => f.id !== id);
    return this.active.length < before;
  }

  /** Removes every rule; `seed` re-seeds the probability source. */
  clear(seed?: number): void {
    this.active = [];
    if (seed !== undefined) this.rng = createRng(seed);
  }

  /** The rules still armed, with how many firings are left and how many happened. */
  list(): Array<{ id: number; rule: FaultRule; remaining: number; fired: number }> {
    return this.active.map(({ id, rule, remaining, fired }) => ({ id, rule, remaining, fired }));
  }

  private fires(f: ActiveFault, method: string, path: string, workspace: string | null): boolean {
    if (f.remaining <= 0 || !f.matches(method, path)) return false;
    if (f.rule.workspace !== undefined && f.rule.workspace !== workspace) return false;
    if (f.rule.probability !== undefined && this.rng() >= f.rule.probability) return false;
    f.remaining -= 1;
    f.fired += 1;
    return true;
  }

  /** Decides (and consumes) the faults for one request: all matching latencies add up; the first terminal wins. */
  evaluate(method: string, path: string, workspace: string | null): FaultOutcome {
    const outcome: FaultOutcome = { latencyMs: 0, kinds: [] };
    for (const f of this.active) {
      const terminal = f.rule.kind !== 'latency';
      if ((terminal && (outcome.error || outcome.drop)) || !this.fires(f, method, path, workspace)) continue;
      outcome.kinds.push(f.rule.kind);
      if (f.rule.kind === 'latency') outcome.latencyMs += f.rule.ms;
      else if (f.rule.kind === 'status') outcome.error = statusError(f.rule);
      else outcome.drop = f.rule.kind === 'drop-after-commit' ? 'after-commit' : 'before-commit';
    }
    this.active = this.active.filter((f) => f.remaining > 0);
    return outcome;
  }
}

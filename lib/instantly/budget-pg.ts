import { budgetObserver, instantlyRequestObserver, publishRateLimits } from '../metrics/instantly';
import type { PrismaClient } from '../prisma';
import type { GovernorLimits } from './governor-types';
import { workspaceKeyFor } from './registry';
import {
  createSharedBudget,
  storeSpans,
  type BudgetObserver,
  type BudgetStore,
  type SharedBudget,
} from './shared-budget';

/**
 * The PostgreSQL store of the shared budget: one call of gmaps_instantly_rate_take (migration
 * 20261204040000) per round trip. `workspaceKey` is a hash of the API key (registry.workspaceKeyFor), never the key.
 */
export function pgBudgetStore(
  prisma: PrismaClient,
  workspaceKey: string,
  limits: GovernorLimits,
  marginMs?: number,
): BudgetStore {
  const s = storeSpans(limits, marginMs);
  return async (want) => {
    const rows = await prisma.$queryRaw<Array<{ granted: number; valid_ms: number }>>`
      SELECT granted, valid_ms FROM gmaps_instantly_rate_take(${workspaceKey}, ${want}::int, ${s.perSecond}::int,
        ${s.perMinute}::int, ${s.secondSlices}::int, ${s.minuteSlices}::int)`;
    const row = rows[0];
    return { granted: Number(row?.granted ?? 0), validMs: Number(row?.valid_ms ?? 100) };
  };
}

// One budget object per workspace per process, so every client of the workspace shares the lease it holds.
const budgets = new Map<string, SharedBudget>();

/** The process-wide shared budget of `workspaceKey` on this database, created on first use. */
export function pgBudgetFor(
  prisma: PrismaClient,
  workspaceKey: string,
  limits: GovernorLimits,
  observer?: BudgetObserver,
  marginMs?: number,
): SharedBudget {
  let budget = budgets.get(workspaceKey);
  if (!budget) {
    budget = createSharedBudget({ store: pgBudgetStore(prisma, workspaceKey, limits, marginMs), observer });
    budgets.set(workspaceKey, budget);
  }
  return budget;
}

/**
 * The rate options every Instantly client of this deployment gets (lib/instantly-accounts.ts): the limits from
 * INSTANTLY_RATE_PER_SECOND / _PER_MINUTE, the PostgreSQL budget shared by all processes (unless
 * INSTANTLY_SHARED_BUDGET=false; its latency margin from INSTANTLY_RATE_LATENCY_MARGIN_MS) and the metrics observers.
 */
export function deploymentRateOptions(
  prisma: PrismaClient,
  env: {
    INSTANTLY_RATE_PER_SECOND: number;
    INSTANTLY_RATE_PER_MINUTE: number;
    INSTANTLY_SHARED_BUDGET: boolean;
    INSTANTLY_RATE_LATENCY_MARGIN_MS?: number;
  },
  apiKey: string,
) {
  const limits = { perSecond: env.INSTANTLY_RATE_PER_SECOND, perMinute: env.INSTANTLY_RATE_PER_MINUTE };
  publishRateLimits(limits);
  const budget = env.INSTANTLY_SHARED_BUDGET
    ? pgBudgetFor(
        prisma,
        workspaceKeyFor(apiKey),
        limits,
        budgetObserver,
        env.INSTANTLY_RATE_LATENCY_MARGIN_MS,
      )
    : undefined;
  return { limits, budget, observer: instantlyRequestObserver };
}

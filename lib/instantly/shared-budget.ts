import { systemClock, type GovernorClock, type GovernorLimits } from './governor-types';

/** One round trip to the shared store: how many starts it granted and for how long they stay usable. */
export interface BudgetGrant {
  granted: number;
  /** Milliseconds (from when the request was sent) the grant may still be used; then it is dropped. */
  validMs: number;
}

/** Asks the shared store for up to `want` request starts of one workspace. */
export type BudgetStore = (want: number) => Promise<BudgetGrant>;

/** One granted start: usable only until the store's slice ends (a stalled process must not send it later). */
export interface BudgetTicket {
  /** Whether the grant may still be used; check it right before sending (no await in between). */
  usable(): boolean;
}

/** The second stage of every Instantly request: a start granted by the budget every process shares. */
export interface SharedBudget {
  /** Resolves when this process may start one request now (use it at once: grants expire within ~100 ms). */
  take(): Promise<BudgetTicket>;
}

/**
 * Takes starts until one is still usable when this continuation runs: a grant that went stale while the process
 * was stalled (GC, a busy event loop) is dropped, never sent late. Dropped grants stay counted (the store only
 * errs on the safe side). Call it right before sending, with no await between it and the send.
 */
export async function takeUsable(budget: SharedBudget): Promise<void> {
  for (;;) {
    const ticket = await budget.take();
    if (ticket.usable()) return;
  }
}

/** Observes the budget (metrics): each round trip to the store and each wait for a grant. */
export interface BudgetObserver {
  onStoreCall?(want: number, granted: number): void;
  onWait?(ms: number): void;
}

/** Options of {@link createSharedBudget}. */
export interface SharedBudgetOptions {
  store: BudgetStore;
  /** Most starts asked for per round trip (a lease); unused ones are wasted, so keep it small. Default 8. */
  maxLease?: number;
  clock?: GovernorClock;
  observer?: BudgetObserver;
}

/**
 * A process's client of the shared rate budget. Callers queue FIFO; one round trip at a time asks the store
 * for as many starts as are waiting or as the previous lease served (capped by `maxLease`), so a busy process
 * pays one round trip per several requests and an idle one asks for one start at a time (wasting none). A refused round trip sleeps until the store's next slice.
 * A store failure rejects the waiting callers (the request fails and is retried by its caller): without the
 * shared count there is no safe rate, so this is fail-closed.
 */
export function createSharedBudget(options: SharedBudgetOptions): SharedBudget {
  const clock = options.clock ?? systemClock;
  const maxLease = options.maxLease ?? 8;
  const waiters: Array<{ resolve: (t: BudgetTicket) => void; reject: (e: unknown) => void; since: number }> =
    [];
  let tokens = 0;
  let validUntil = -Infinity;
  let pumping = false;
  let servedFromLastLease = 0;

  const serveFromLease = (): boolean => {
    if (tokens <= 0 || clock.now() >= validUntil) {
      tokens = 0;
      return false;
    }
    const next = waiters.shift();
    if (!next) return false;
    tokens -= 1;
    servedFromLastLease += 1;
    options.observer?.onWait?.(clock.now() - next.since);
    const until = validUntil;
    next.resolve({ usable: () => clock.now() < until });
    return true;
  };

  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      while (waiters.length > 0) {
        if (serveFromLease()) continue;
        // Demand is at least what the last lease served: callers that just finished come back for more.
        const want = Math.min(maxLease, Math.max(waiters.length, servedFromLastLease));
        servedFromLastLease = 0;
        const sentAt = clock.now();
        const grant = await options.store(want);
        options.observer?.onStoreCall?.(want, grant.granted);
        // Measured from before the request left, so the local deadline never outlives the store's slice.
        validUntil = sentAt + grant.validMs;
        tokens = grant.granted;
        if (grant.granted <= 0) await clock.sleep(Math.max(1, grant.validMs));
      }
    } catch (err) {
      for (const w of waiters.splice(0)) w.reject(err);
    } finally {
      pumping = false;
    }
  };

  return {
    take: () =>
      new Promise<BudgetTicket>((resolve, reject) => {
        waiters.push({ resolve, reject, since: clock.now() });
        void pump();
      }),
  };
}

/**
 * The default latency a request may take to reach Instantly that the shared windows absorb (see the SQL function);
 * INSTANTLY_RATE_LATENCY_MARGIN_MS sets it per deployment.
 */
export const BUDGET_LATENCY_MARGIN_MS = 250;

/**
 * How many store slices one window must sum so that no sliding window of the server can see more than its
 * limit: a slice's grants arrive within [slice start, slice end + margin), so a window of W ms meets at most
 * ceil(1 + (W + margin) / slice) slices.
 */
export function slicesFor(windowMs: number, sliceMs: number, marginMs = BUDGET_LATENCY_MARGIN_MS): number {
  return Math.ceil(1 + (windowMs + marginMs) / sliceMs);
}

/** The limits the shared store enforces, in the slices of the SQL function (100 ms and 1 s). */
export function storeSpans(limits: GovernorLimits, marginMs = BUDGET_LATENCY_MARGIN_MS) {
  return {
    perSecond: limits.perSecond,
    perMinute: limits.perMinute,
    secondSlices: slicesFor(1_000, 100, marginMs),
    minuteSlices: slicesFor(60_000, 1_000, marginMs),
  };
}

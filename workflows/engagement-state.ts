import type { EngagementCarried, EngagementInput, EngagementState } from '../contracts/engagement';
import type { ApplyEventsResult, SyncResult } from '../contracts/engagement-activities';

/** The state of one engagement run, seeded from what the previous run carried over. */
export function initialState(input: EngagementInput): EngagementCarried {
  const c = input.carried;
  return {
    applied: c?.applied ?? 0,
    duplicatesIgnored: c?.duplicatesIgnored ?? 0,
    counters: c?.counters ?? null,
    lastSyncAt: c?.lastSyncAt ?? null,
    lastDrift: c?.lastDrift ?? null,
    webhookHealth: c?.webhookHealth ?? null,
    pending: [...(c?.pending ?? [])],
    completionSeen: c?.completionSeen ?? false,
    instantlyAgrees: c?.instantlyAgrees ?? false,
    runs: (c?.runs ?? 0) + 1,
    deliveryFailures: c?.deliveryFailures ?? 0,
    syncFailures: c?.syncFailures ?? 0,
    nextPollAtMs: c?.nextPollAtMs ?? null,
  };
}

/** Folds one apply result into the state. */
export function afterApply(s: EngagementCarried, r: ApplyEventsResult): void {
  s.applied += r.applied;
  s.duplicatesIgnored += r.alreadyApplied;
  if (r.counters) s.counters = r.counters;
  if (r.campaignCompleted) s.completionSeen = true;
  if (r.applied > 0) s.instantlyAgrees = false;
}

/** Folds one sync result into the state. Campaign status 3 = completed. */
export function afterSync(s: EngagementCarried, r: SyncResult): void {
  s.lastSyncAt = r.syncedAt;
  if (r.drift) {
    s.lastDrift = r.drift;
    s.applied += r.drift.repaired.applied;
  }
  if (r.webhookHealth) s.webhookHealth = r.webhookHealth;
  if (r.counters) s.counters = r.counters;
  if (r.campaignStatus === 3) s.completionSeen = true;
  // Agreement needs no repair at all: counts that agree only thanks to stand-ins may hide events still in flight.
  s.instantlyAgrees =
    r.campaignStatus === 3 && r.drift !== null && !r.drift.drifted && (r.drift.steps?.differing ?? 0) === 0;
}

/** The engagementStateQuery answer (counts and ids only). */
export function snapshot(
  input: EngagementInput,
  exportId: string | null,
  s: EngagementCarried,
): EngagementState {
  return {
    instantlyCampaignId: input.instantlyCampaignId,
    exportId,
    applied: s.applied,
    duplicatesIgnored: s.duplicatesIgnored,
    counters: s.counters,
    lastSyncAt: s.lastSyncAt,
    lastDrift: s.lastDrift,
    webhookHealth: s.webhookHealth,
    pending: s.pending.length,
    completionSeen: s.completionSeen,
    run: s.runs,
    deliveryFailures: s.deliveryFailures,
    syncFailures: s.syncFailures,
  };
}

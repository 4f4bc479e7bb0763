import { createHash } from 'node:crypto';
import { RateGovernor } from './governor';
import type { GovernorOptions } from './governor-types';

// Instantly's limits are per workspace and shared by every key and caller, so the process needs exactly one
// governor per workspace no matter how many clients are created; a lazily-filled map is that shared place.
const governors = new Map<string, RateGovernor>();

/**
 * A stable, non-reversible key for the workspace an API key belongs to: sha256(apiKey), first 16 hex chars.
 * Keys of the same workspace cannot be told apart offline, so each key gets its own governor; callers that
 * know two keys share a workspace can pass the same workspaceKey to {@link governorFor} themselves.
 */
export function workspaceKeyFor(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex').slice(0, 16);
}

/**
 * The process-wide governor for `workspaceKey`, created on first use. `options` (limits, clock, …) apply only
 * when this call creates it; tests use distinct keys or {@link resetGovernors}.
 */
export function governorFor(workspaceKey: string, options?: GovernorOptions): RateGovernor {
  let governor = governors.get(workspaceKey);
  if (!governor) {
    governor = new RateGovernor(options);
    governors.set(workspaceKey, governor);
  }
  return governor;
}

/** Forgets every governor (tests only: a live process must keep them for its whole life). */
export function resetGovernors(): void {
  governors.clear();
}

import type { EngagementCounters } from '../contracts/engagement';
import type { StepSent } from '../db/engagement';
import type { AnalyticsOverview } from '../lib/instantly';

/** Our counter → Instantly's overview field with the same meaning (unique leads, except emails sent). */
const FIELD_MAP: ReadonlyArray<[keyof EngagementCounters, string]> = [
  ['emailsSent', 'emails_sent_count'],
  ['contacted', 'contacted_count'],
  ['opened', 'open_count_unique'],
  ['clicked', 'link_click_count_unique'],
  ['replied', 'reply_count_unique'],
  ['autoReplied', 'reply_count_automatic_unique'],
  ['bounced', 'bounced_count'],
  ['unsubscribed', 'unsubscribed_count'],
];

/** Every counter where Instantly and we disagree (fields Instantly does not report are skipped). */
export function compareCounters(
  overview: AnalyticsOverview,
  ours: EngagementCounters,
): Record<string, { instantly: number; ours: number }> {
  const diff: Record<string, { instantly: number; ours: number }> = {};
  const o = overview as Record<string, unknown>;
  for (const [name, field] of FIELD_MAP) {
    const theirs = o[field];
    if (typeof theirs !== 'number') continue;
    if (theirs !== ours[name]) diff[name] = { instantly: theirs, ours: ours[name] };
  }
  return diff;
}

/** True when Instantly saw more than we did somewhere: events are missing and a repair can help. */
export const missingSomething = (diff: Record<string, { instantly: number; ours: number }>): boolean =>
  Object.values(diff).some((d) => d.instantly > d.ours);

export type { StepSent } from '../db/engagement';

/**
 * Compares Instantly's step analytics with ours on `sent`. Instantly's variant is 0-based; its step base is
 * UNCONFIRMED, so a report containing step "0" is read as 0-based, otherwise as 1-based like webhook payloads.
 */
export function compareSteps(
  rows: ReadonlyArray<{
    step?: string | number | null;
    variant?: string | number | null;
    sent?: number | null;
  }>,
  ours: readonly StepSent[],
): { compared: number; differing: number } | null {
  const usable = rows.filter((r) => r.step !== null && r.step !== undefined && typeof r.sent === 'number');
  if (usable.length === 0) return null;
  const zeroBased = usable.some((r) => Number(r.step) === 0);
  const mine = new Map(ours.map((s) => [`${s.step}:${s.variant}`, s.sent]));
  let differing = 0;
  for (const r of usable) {
    const key = `${Number(r.step) + (zeroBased ? 1 : 0)}:${Number(r.variant ?? 0) + 1}`;
    if ((mine.get(key) ?? 0) !== r.sent) differing += 1;
  }
  return { compared: usable.length, differing };
}

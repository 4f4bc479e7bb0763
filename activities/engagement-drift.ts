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

/** Instantly's figures of one (step, variant), numbered like our events (step and variant 1-based). */
export interface StepFigure {
  step: number;
  variant: number;
  sent: number;
  opened: number;
  clicked: number;
  replied: number;
}

type StepRow = {
  step?: string | number | null;
  variant?: string | number | null;
  sent?: number | null;
  opened?: number | null;
  clicks?: number | null;
  replies?: number | null;
};

/** The bound of a stored figure (a PostgreSQL integer); anything else Instantly sends is read as 0. */
const MAX_FIGURE = 2_147_483_647;
const figure = (n: number | null | undefined): number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? Math.min(n, MAX_FIGURE) : 0;

/**
 * Instantly's step analytics rows as {@link StepFigure}s: rows without a usable step or `sent` are dropped, and
 * a row repeating a (step, variant) keeps the larger figures. Instantly's variant is 0-based; its step base is
 * UNCONFIRMED, so a report containing step "0" is read as 0-based, otherwise as 1-based like webhook payloads.
 * Totals are compared with our event counts per step: `opened` / `clicks` / `replies` (not the unique ones).
 */
export function stepFigures(rows: readonly StepRow[]): StepFigure[] {
  const usable = rows.filter(
    (r) =>
      r.step !== null &&
      r.step !== undefined &&
      Number.isSafeInteger(Number(r.step)) &&
      Number.isSafeInteger(Number(r.variant ?? 0)) &&
      typeof r.sent === 'number',
  );
  const zeroBased = usable.some((r) => Number(r.step) === 0);
  const byKey = new Map<string, StepFigure>();
  for (const r of usable) {
    const f: StepFigure = {
      step: Number(r.step) + (zeroBased ? 1 : 0),
      variant: Number(r.variant ?? 0) + 1,
      sent: figure(r.sent),
      opened: figure(r.opened),
      clicked: figure(r.clicks),
      replied: figure(r.replies),
    };
    if (f.step < 1 || f.step > 1000 || f.variant < 1 || f.variant > 1000) continue;
    const key = `${f.step}:${f.variant}`;
    const seen = byKey.get(key);
    byKey.set(
      key,
      seen === undefined
        ? f
        : {
            ...f,
            sent: Math.max(seen.sent, f.sent),
            opened: Math.max(seen.opened, f.opened),
            clicked: Math.max(seen.clicked, f.clicked),
            replied: Math.max(seen.replied, f.replied),
          },
    );
  }
  return [...byKey.values()].sort((a, b) => a.step - b.step || a.variant - b.variant);
}

/** Compares Instantly's step figures with ours on `sent` (null when Instantly reported no usable step). */
export function compareSteps(
  figures: readonly StepFigure[],
  ours: readonly StepSent[],
): { compared: number; differing: number } | null {
  if (figures.length === 0) return null;
  const mine = new Map(ours.map((s) => [`${s.step}:${s.variant}`, s.sent]));
  let differing = 0;
  for (const f of figures) if ((mine.get(`${f.step}:${f.variant}`) ?? 0) !== f.sent) differing += 1;
  return { compared: figures.length, differing };
}

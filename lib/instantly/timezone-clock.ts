// What clock a timezone keeps, read from the runtime's own tzdata (Intl). Used to check, at the moment a
// substitution is made, that the substitute really keeps the requested zone's clock from now on: tzdata changes
// (Alberta's America/Edmonton stops changing clocks after March 2026 in tzdata 2026a, while Node 20's 2025c
// still has it on US Mountain time), so a static table alone can be out of date in either direction.

/** An offset change: from `at` (epoch ms, minute precision) the zone is `offset` minutes from UTC. */
export interface OffsetTransition {
  at: number;
  offset: number;
}

/** A zone's UTC offset at the start of a window and every change inside it. */
export interface ClockHistory {
  initial: number;
  transitions: OffsetTransition[];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** UTC offset of `timeZone` at epoch ms `t`, in minutes; throws a RangeError for a name Intl does not know. */
export function offsetMinutesAt(timeZone: string, t: number): number {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    formatters.set(timeZone, format);
  }
  const label = format.formatToParts(new Date(t)).find((p) => p.type === 'timeZoneName')?.value;
  // "GMT", "GMT+05:30", "GMT-03:00": parsed by position, no regex.
  if (label === undefined || label === 'GMT') return 0;
  const sign = label[3] === '-' ? -1 : 1;
  return sign * (Number(label.slice(4, 6)) * 60 + Number(label.slice(7, 9) || '0'));
}

// Offsets never change twice within a few days, so sampling every 3 days and bisecting to the minute finds
// every transition.
const STEP = 3 * 86_400_000;
const MINUTE = 60_000;

/** Initial offset and every transition of `timeZone` in [from, to]. */
export function clockHistory(timeZone: string, from: number, to: number): ClockHistory {
  const initial = offsetMinutesAt(timeZone, from);
  const transitions: OffsetTransition[] = [];
  let previous = initial;
  for (let day = from + STEP; day <= to; day += STEP) {
    const current = offsetMinutesAt(timeZone, day);
    if (current === previous) continue;
    let low = day - STEP;
    let high = day;
    while (high - low > MINUTE) {
      const mid = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
      if (offsetMinutesAt(timeZone, mid) === previous) low = mid;
      else high = mid;
    }
    transitions.push({ at: high, offset: current });
    previous = current;
  }
  return { initial, transitions };
}

/**
 * Whether `target`'s clock is always `source`'s plus `deltaMinutes` (0: the same clock) with changes at the same
 * instants of local wall-clock time, over the histories given.
 */
export function keepsClock(source: ClockHistory, target: ClockHistory, deltaMinutes = 0): boolean {
  if (target.initial - source.initial !== deltaMinutes) return false;
  if (target.transitions.length !== source.transitions.length) return false;
  return source.transitions.every((s, i) => {
    const t = target.transitions[i]!;
    // The same local moment (e.g. 02:00) is `delta` minutes earlier in UTC for a zone `delta` minutes ahead.
    return t.offset - s.offset === deltaMinutes && t.at + deltaMinutes * MINUTE === s.at;
  });
}

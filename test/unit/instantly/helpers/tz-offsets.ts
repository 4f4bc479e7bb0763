const formatters = new Map<string, Intl.DateTimeFormat>();

/** UTC offset of `timeZone` at epoch ms `t`, in minutes, via Intl's `longOffset` name (e.g. "GMT-05:00"). */
export function offsetMinutes(timeZone: string, t: number): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    formatters.set(timeZone, format);
  }
  const name = format.formatToParts(new Date(t)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (!match) throw new Error(`unexpected offset name ${name} for ${timeZone}`);
  if (!match[1]) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** An offset change: at `at` (epoch ms, minute precision) the offset becomes `offset`. */
export interface Transition {
  at: number;
  offset: number;
}

// Offsets never change twice within a few days, so sampling every 3 days and bisecting to the minute finds
// every transition.
const STEP = 3 * 86_400_000;
const MINUTE = 60_000;

const histories = new Map<string, { initial: number; transitions: Transition[] }>();

/**
 * Initial offset and every transition between `from` and `to` (memoised): samples every 3 days, then a binary
 * search to the minute where two samples differ. Two zones with equal results keep the same clock.
 */
export function offsetHistory(
  timeZone: string,
  from: number,
  to: number,
): { initial: number; transitions: Transition[] } {
  const key = `${timeZone}|${from}|${to}`;
  let history = histories.get(key);
  if (!history) {
    history = computeHistory(timeZone, from, to);
    histories.set(key, history);
  }
  return history;
}

function computeHistory(
  timeZone: string,
  from: number,
  to: number,
): { initial: number; transitions: Transition[] } {
  const initial = offsetMinutes(timeZone, from);
  const transitions: Transition[] = [];
  let previous = initial;
  for (let day = from + STEP; day <= to; day += STEP) {
    const current = offsetMinutes(timeZone, day);
    if (current === previous) continue;
    let low = day - STEP;
    let high = day;
    while (high - low > MINUTE) {
      const mid = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
      if (offsetMinutes(timeZone, mid) === previous) low = mid;
      else high = mid;
    }
    transitions.push({ at: high, offset: current });
    previous = current;
  }
  return { initial, transitions };
}

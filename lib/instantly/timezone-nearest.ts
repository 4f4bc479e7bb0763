import { INSTANTLY_TIMEZONES, type InstantlyTimezone } from '../../contracts/instantly-timezones';

/** How many suggestions an "unknown timezone" answer carries. */
const SUGGESTIONS = 3;
/** Only this much of the requested name is compared (names are short; the schema caps them anyway). */
const MAX_COMPARED = 64;

/**
 * The Instantly timezones nearest to `requested`, best first: for a real IANA zone Instantly lacks, the ones
 * keeping the closest UTC offset today; for a name that is no zone at all (`Mars/Olympus`), the most similarly
 * spelled (edit distance, case-insensitive). Pure apart from reading the clock and tzdata through Intl.
 */
export function nearestInstantlyTimezones(requested: string, now = new Date()): InstantlyTimezone[] {
  const name = requested.trim().slice(0, MAX_COMPARED);
  const offset = utcOffsetMinutes(name, now);
  const score =
    offset === undefined
      ? (zone: string) => editDistance(name.toLowerCase(), zone.toLowerCase())
      : (zone: string) => Math.abs((utcOffsetMinutes(zone, now) ?? 0) - offset);
  return INSTANTLY_TIMEZONES.map((zone, index) => ({ zone, index, score: score(zone) }))
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .slice(0, SUGGESTIONS)
    .map((s) => s.zone);
}

/** The zone's UTC offset at `at`, in minutes; undefined when Intl knows no such zone. */
function utcOffsetMinutes(zone: string, at: Date): number | undefined {
  if (zone === '') return undefined;
  let label: string | undefined;
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      timeZoneName: 'longOffset',
    }).formatToParts(at);
    label = parts.find((p) => p.type === 'timeZoneName')?.value;
  } catch {
    return undefined;
  }
  // "GMT", "GMT+05:30", "GMT-03:00": parsed by position, no regex.
  if (!label || label === 'GMT') return 0;
  const sign = label[3] === '-' ? -1 : 1;
  return sign * (Number(label.slice(4, 6)) * 60 + Number(label.slice(7, 9) || '0'));
}

/** Levenshtein distance, two rows (both strings are at most a few dozen characters). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

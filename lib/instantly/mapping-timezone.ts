import {
  INSTANTLY_TIMEZONES,
  isInstantlyTimezone,
  type InstantlyTimezone,
} from '../../contracts/instantly-timezones';
import { quoteInput } from '../../contracts/errors';
import { InstantlyMappingError } from './mapping-errors';
import { clockHistory, keepsClock, type ClockHistory } from './timezone-clock';
import { nearestInstantlyTimezones } from './timezone-nearest';
import { TIMEZONE_SUBSTITUTIONS, type TimezoneSubstitution } from './timezone-substitutions';

/** Outcome of {@link mapTimezone}; a substitution always carries a note meant for the user. */
export interface TimezoneMapping {
  /** The value to send to Instantly. */
  timezone: InstantlyTimezone;
  /** What the caller asked for. */
  requested: string;
  substituted: boolean;
  /** True when the substitute keeps a different clock (see offsetDeltaMinutes and note). */
  offsetChanged: boolean;
  /** Substitute's UTC offset minus the requested zone's, when offsetChanged. */
  offsetDeltaMinutes?: number;
  note?: string;
}

/** A zone's clock over the window a substitute must match it (injectable for tests). */
export type ClockOf = (zone: string) => ClockHistory;

/** How far ahead of today a substitute must keep the requested zone's clock. */
const HORIZON_MS = 3 * 366 * 86_400_000;
const DAY_MS = 86_400_000;

// The runtime's clocks from the start of today (UTC) for three years, memoised for the day: at most the ~130
// names of the table and the 102 targets, each computed once (≈ 1 ms).
let memoDay = -1;
const clocks = new Map<string, ClockHistory>();
const resolved = new Map<string, TimezoneMapping | null>();
const runtimeClock: ClockOf = (zone) => {
  let history = clocks.get(zone);
  if (history === undefined) {
    history = clockHistory(zone, memoDay, memoDay + HORIZON_MS);
    clocks.set(zone, history);
  }
  return history;
};

function today(): void {
  const day = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  if (day === memoDay) return;
  memoDay = day;
  clocks.clear();
  resolved.clear();
}

const byLowerCase = new Map<string, string>(
  [...INSTANTLY_TIMEZONES, ...Object.keys(TIMEZONE_SUBSTITUTIONS)].map((name) => [name.toLowerCase(), name]),
);

/**
 * Maps an IANA timezone to one of the 102 values Instantly accepts. Accepted values map to themselves;
 * common zones Instantly rejects (America/New_York, Europe/London, UTC, …) are replaced per the documented
 * table in timezone-substitutions.ts by a zone with the same offset and DST dates, and say so. Matching is
 * case-insensitive. The table is checked against the runtime's tzdata when used: a substitute must keep the
 * requested zone's clock from today for three years; when tzdata has moved on (a region dropped or changed DST),
 * another accepted zone that does keep it is used and the note says why, and when none does the zone is
 * unsupported. Throws InstantlyMappingError: `invalid_timezone` for names that are not IANA zones,
 * `unsupported_timezone` for real zones without a substitute keeping their clock (never guessed silently).
 */
export function mapTimezone(iana: string, clockOf?: ClockOf): TimezoneMapping {
  const requested = typeof iana === 'string' ? iana.trim() : '';
  const name = byLowerCase.get(requested.toLowerCase());
  if (name !== undefined && isInstantlyTimezone(name)) {
    return { timezone: name, requested: iana, substituted: false, offsetChanged: false };
  }
  const rule = name === undefined ? undefined : TIMEZONE_SUBSTITUTIONS[name];
  if (name !== undefined && rule !== undefined) {
    const mapping = checkedSubstitution(name, rule, clockOf);
    if (mapping !== null) return { ...mapping, requested: iana };
  }
  // The input is quoted cut short (it reaches Temporal history and API answers), the suggestions in full.
  const nearest = `nearest Instantly timezones: ${nearestInstantlyTimezones(requested).join(', ')}`;
  if (!isValidIanaZone(requested)) {
    throw new InstantlyMappingError(
      'invalid_timezone',
      `${quoteInput(requested)} is not an IANA timezone name; ${nearest}`,
    );
  }
  throw new InstantlyMappingError(
    'unsupported_timezone',
    `${quoteInput(requested)} is not one of Instantly's 102 timezones and has no substitute keeping its clock; ` +
      `choose an Instantly timezone with the same UTC offset and DST rules explicitly (${nearest})`,
  );
}

/** The table's substitute when this runtime's tzdata agrees, else an accepted zone keeping the clock, else null. */
function checkedSubstitution(
  name: string,
  rule: TimezoneSubstitution,
  clockOf: ClockOf | undefined,
): TimezoneMapping | null {
  if (clockOf === undefined) {
    today();
    const known = resolved.get(name);
    if (known !== undefined) return known;
  }
  const clock = clockOf ?? runtimeClock;
  const source = clock(name);
  const delta = rule.offsetDeltaMinutes ?? 0;
  const exact = () => INSTANTLY_TIMEZONES.find((zone) => keepsClock(source, clock(zone)));
  // An exact clock beats a shifted one (a region that stopped changing clocks may now match a fixed zone).
  const same = delta !== 0 ? exact() : undefined;
  let mapping: TimezoneMapping | null = null;
  if (same === undefined && keepsClock(source, clock(rule.to), delta)) {
    mapping = substitution(name, name, rule);
  } else {
    const found = same ?? exact();
    if (found !== undefined) {
      mapping = {
        timezone: found,
        requested: name,
        substituted: true,
        offsetChanged: false,
        note:
          `Instantly does not accept "${name}"; using "${found}", which keeps the same clock from now on by ` +
          `this runtime's timezone data (instead of the usual substitute "${rule.to}").`,
      };
    }
  }
  if (clockOf === undefined) resolved.set(name, mapping);
  return mapping;
}

function substitution(requested: string, name: string, rule: TimezoneSubstitution): TimezoneMapping {
  const base = `Instantly does not accept "${name}"; using "${rule.to}"`;
  if (rule.offsetDeltaMinutes === undefined) {
    return {
      timezone: rule.to,
      requested,
      substituted: true,
      offsetChanged: false,
      note: `${base}, which keeps the same clock all year: ${rule.label}.`,
    };
  }
  const hours = Math.abs(rule.offsetDeltaMinutes) / 60;
  const ahead = rule.offsetDeltaMinutes > 0 ? 'ahead of' : 'behind';
  const unit = hours === 1 ? 'hour' : 'hours';
  return {
    timezone: rule.to,
    requested,
    substituted: true,
    offsetChanged: true,
    offsetDeltaMinutes: rule.offsetDeltaMinutes,
    note:
      `${base} (${rule.label}). Its clock is always ${hours} ${unit} ${ahead} "${name}" (same DST dates), ` +
      `so sending windows run ${hours} ${unit} ${rule.offsetDeltaMinutes > 0 ? 'earlier' : 'later'} in ` +
      `"${name}" local time; move the window ${rule.offsetDeltaMinutes > 0 ? 'later' : 'earlier'} by ` +
      `${hours} ${unit} to keep the intended local hours.`,
  };
}

function isValidIanaZone(name: string): boolean {
  if (name === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

import {
  INSTANTLY_TIMEZONES,
  isInstantlyTimezone,
  type InstantlyTimezone,
} from '../../contracts/instantly-timezones';
import { InstantlyMappingError } from './mapping-errors';
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

const byLowerCase = new Map<string, string>(
  [...INSTANTLY_TIMEZONES, ...Object.keys(TIMEZONE_SUBSTITUTIONS)].map((name) => [name.toLowerCase(), name]),
);

/**
 * Maps an IANA timezone to one of the 102 values Instantly accepts. Accepted values map to themselves;
 * common zones Instantly rejects (America/New_York, Europe/London, UTC, …) are replaced per the documented
 * table in timezone-substitutions.ts by a zone with the same offset and DST dates, and say so. Matching is
 * case-insensitive. Throws InstantlyMappingError: `invalid_timezone` for names that are not IANA zones,
 * `unsupported_timezone` for real zones without a documented substitute (never guessed silently).
 */
export function mapTimezone(iana: string): TimezoneMapping {
  const requested = typeof iana === 'string' ? iana.trim() : '';
  const name = byLowerCase.get(requested.toLowerCase());
  if (name !== undefined && isInstantlyTimezone(name)) {
    return { timezone: name, requested: iana, substituted: false, offsetChanged: false };
  }
  const rule = name === undefined ? undefined : TIMEZONE_SUBSTITUTIONS[name];
  if (name !== undefined && rule !== undefined) return substitution(iana, name, rule);
  if (!isValidIanaZone(requested)) {
    throw new InstantlyMappingError(
      'invalid_timezone',
      `${JSON.stringify(iana)} is not an IANA timezone name`,
    );
  }
  throw new InstantlyMappingError(
    'unsupported_timezone',
    `${JSON.stringify(iana)} is not one of Instantly's 102 timezones and has no documented substitute; ` +
      'choose an Instantly timezone with the same UTC offset and DST rules explicitly',
  );
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

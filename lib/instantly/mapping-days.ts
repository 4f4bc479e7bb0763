import type { DayKey, InstantlyDays } from './body-types';
import { InstantlyMappingError } from './mapping-errors';

// Index = Instantly's day key: "0" is Sunday … "6" is Saturday (the official example's "1"–"5" is Mon–Fri).
const NAMES: ReadonlyArray<readonly [string, string]> = [
  ['sun', 'sunday'],
  ['mon', 'monday'],
  ['tue', 'tuesday'],
  ['wed', 'wednesday'],
  ['thu', 'thursday'],
  ['fri', 'friday'],
  ['sat', 'saturday'],
];

const KEY_BY_NAME = new Map<string, DayKey>(
  NAMES.flatMap(([short, long], index) => {
    const key = String(index) as DayKey;
    return [
      [short, key],
      [long, key],
    ];
  }),
);

/**
 * Turns weekday names (`sun`…`sat` or full names, any case) into Instantly's `days` object, e.g.
 * `['mon','tue']` → `{"1": true, "2": true}`. Repeats are harmless. Throws InstantlyMappingError
 * (`invalid_days`) for an empty list or any unknown name (all unknown names are listed).
 */
export function weekdaysToDays(days: readonly string[]): InstantlyDays {
  if (!isList(days) || days.length === 0) {
    throw new InstantlyMappingError('invalid_days', 'at least one sending day is required');
  }
  const keys = new Set<DayKey>();
  const unknown: string[] = [];
  for (const day of days) {
    const key = typeof day === 'string' ? KEY_BY_NAME.get(day.trim().toLowerCase()) : undefined;
    if (key === undefined) unknown.push(String(day));
    else keys.add(key);
  }
  if (unknown.length > 0) {
    throw new InstantlyMappingError(
      'invalid_days',
      `unknown weekday(s): ${unknown.map((d) => JSON.stringify(d)).join(', ')}; use sun, mon, tue, wed, thu, fri, sat`,
    );
  }
  const result: InstantlyDays = {};
  for (const key of [...keys].sort()) result[key] = true;
  return result;
}

// A plain boolean on purpose: Array.isArray's `any[]` guard would erase the element type.
function isList(value: unknown): boolean {
  return Array.isArray(value);
}

import { scanPlaceholders } from '../../contracts/placeholders';
import type { CustomVariables } from './body-types';

/** Why a custom variable could not be sent. */
export type CustomVariableErrorReason =
  'empty_key' | 'undefined' | 'not_finite_number' | 'array' | 'object' | 'unsupported_type';

/** One custom variable that was not accepted. */
export interface CustomVariableError {
  key: string;
  reason: CustomVariableErrorReason;
}

/** Outcome of {@link flattenCustomVariables}: what can be sent, and what could not (never dropped silently). */
export interface FlattenedCustomVariables {
  values: CustomVariables;
  errors: CustomVariableError[];
}

/**
 * Keeps the values Instantly accepts in `custom_variables` (string, finite number, boolean, null) and reports
 * every other one: nested objects, arrays, undefined, NaN/±Infinity, functions, bigints, symbols, Dates.
 */
export function flattenCustomVariables(record: Readonly<Record<string, unknown>>): FlattenedCustomVariables {
  // Collected in a Map and turned into own properties at once: `values[key] = v` with key "__proto__" would
  // set the prototype (or be dropped) instead of keeping the variable.
  const kept = new Map<string, CustomVariables[string]>();
  const errors: CustomVariableError[] = [];
  for (const [key, value] of Object.entries(record)) {
    const reason = key.trim() === '' ? 'empty_key' : rejectionReason(value);
    if (reason === undefined) kept.set(key, value as CustomVariables[string]);
    else errors.push({ key, reason });
  }
  return { values: Object.fromEntries<CustomVariables[string]>(kept), errors };
}

function rejectionReason(value: unknown): CustomVariableErrorReason | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'not_finite_number';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  return 'unsupported_type';
}

/**
 * Names of the `{{name}}` placeholders used in `text` (whitespace inside the braces ignored), in order of
 * first use. Empty `{{ }}` is ignored. Linear time (see contracts/placeholders.ts).
 */
export function templateVariables(text: string): Set<string> {
  const names = new Set<string>();
  for (const { name } of scanPlaceholders(text).placeholders) if (name) names.add(name);
  return names;
}

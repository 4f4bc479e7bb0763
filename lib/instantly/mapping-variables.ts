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
  const values: CustomVariables = {};
  const errors: CustomVariableError[] = [];
  for (const [key, value] of Object.entries(record)) {
    const reason = key.trim() === '' ? 'empty_key' : rejectionReason(value);
    if (reason === undefined) values[key] = value as CustomVariables[string];
    else errors.push({ key, reason });
  }
  return { values, errors };
}

function rejectionReason(value: unknown): CustomVariableErrorReason | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'not_finite_number';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  return 'unsupported_type';
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * Names of the `{{name}}` placeholders used in `text` (whitespace inside the braces ignored), in order of
 * first use. Empty `{{ }}` is ignored.
 */
export function templateVariables(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (name) names.add(name);
  }
  return names;
}

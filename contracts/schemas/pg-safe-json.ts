import { z } from 'zod';
import { unstorableCharacter } from './pg-safe';

/**
 * JSON values PostgreSQL can hold (`jsonb` refuses `\u0000` and lone surrogates; its parser and V8's
 * JSON.stringify both recurse, so a 20,000-deep value overflows the stack). Everything here walks values with an
 * explicit stack, never recursion, so it is safe on any input JSON.parse produced. Workflow-safe: zod only.
 */

/** Deepest nesting we accept in a request body (Instantly's payloads and our own bodies are 2-5 deep). */
export const MAX_JSON_DEPTH = 32;

/** A path into a JSON value, as zod reports it. */
export type JsonPath = Array<string | number>;

/** One string (value or object key) PostgreSQL would refuse. */
export interface UnstorableAt {
  path: JsonPath;
  problem: string;
}

/** A container still to visit; the path is rebuilt from parents only when something is reported. */
interface Frame {
  value: object;
  key: string | number | null;
  parent: Frame | null;
  depth: number;
}

const pathOf = (frame: Frame | null, last?: string | number): JsonPath => {
  const path: JsonPath = last === undefined ? [] : [last];
  for (let f = frame; f && f.key !== null; f = f.parent) path.unshift(f.key);
  return path;
};

/** True when `value` nests arrays/objects deeper than `max` levels (the top level is depth 1). */
export function jsonTooDeep(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const values: object[] = [value];
  const depths: number[] = [1];
  while (values.length > 0) {
    const v = values.pop()!;
    const depth = depths.pop()!;
    if (depth > max) return true;
    const items: unknown[] = Array.isArray(v) ? v : Object.values(v);
    for (const child of items) {
      if (typeof child !== 'object' || child === null) continue;
      values.push(child);
      depths.push(depth + 1);
    }
  }
  return false;
}

/**
 * Strings in `value` — object keys included — that PostgreSQL would refuse, at most `limit` of them (a hostile
 * body must not make the answer huge). Linear in the size of `value`; the order is unspecified.
 */
export function unstorableStrings(value: unknown, limit = 20): UnstorableAt[] {
  const found: UnstorableAt[] = [];
  const check = (s: string, parent: Frame | null, key: string | number | undefined, what: string) => {
    const problem = unstorableCharacter(s);
    if (problem && found.length < limit)
      found.push({ path: pathOf(parent, key), problem: `${what}${problem}` });
  };
  if (typeof value === 'string') check(value, null, undefined, 'must not contain a ');
  if (typeof value !== 'object' || value === null) return found;
  const stack: Frame[] = [{ value, key: null, parent: null, depth: 0 }];
  while (stack.length > 0 && found.length < limit) {
    const frame = stack.pop()!;
    const entries: Array<[string | number, unknown]> = Array.isArray(frame.value)
      ? (frame.value as unknown[]).map((v, i) => [i, v])
      : Object.entries(frame.value);
    const containers: Frame[] = [];
    for (const [key, child] of entries) {
      if (typeof key === 'string') check(key, frame, key, 'key must not contain a ');
      if (typeof child === 'string') check(child, frame, key, 'must not contain a ');
      else if (typeof child === 'object' && child !== null)
        containers.push({ value: child, key, parent: frame, depth: frame.depth + 1 });
    }
    for (let i = containers.length - 1; i >= 0; i--) stack.push(containers[i]!);
  }
  return found;
}

/** `value` with every NUL and lone surrogate replaced by U+FFFD (what a UTF-8 encoder does to a lone surrogate). */
export function storableString(value: string): string {
  if (!unstorableCharacter(value)) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const next = i + 1 < value.length ? value.charCodeAt(i + 1) : 0;
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += value[i]! + value[i + 1]!;
      i++;
    } else if (code === 0 || (code >= 0xd800 && code <= 0xdfff)) out += '\ufffd';
    else out += value[i]!;
  }
  return out;
}

/**
 * A copy of a JSON value with every string and key made storable by {@link storableString}; the value itself
 * when nothing needed it. Call only on values {@link jsonTooDeep} accepted (it recurses, at most that deep).
 * Keys that become equal after replacement keep the last value. Objects are built with defineProperty
 * semantics, so a `__proto__` key stays a plain key.
 */
export function storableJson(value: unknown): unknown {
  if (unstorableStrings(value, 1).length === 0) return value;
  const copy = (v: unknown): unknown => {
    if (typeof v === 'string') return storableString(v);
    if (Array.isArray(v)) return v.map(copy);
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(Object.entries(v).map(([k, c]) => [storableString(k), copy(c)]));
  };
  return copy(value);
}

/** Adds one zod issue per unstorable string (value or key) of `value`, at its path under `ctx`'s value. */
export function addUnstorableIssues(value: unknown, ctx: z.RefinementCtx): void {
  for (const { path, problem } of unstorableStrings(value))
    ctx.addIssue({ code: 'custom', path, message: problem });
}

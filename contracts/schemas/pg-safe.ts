import { z } from 'zod';

/**
 * Building blocks for request schemas whose every accepted value PostgreSQL can store unchanged. Every outside
 * string goes through {@link pgText} (bounded, no NUL, no lone UTF-16 surrogate: PostgreSQL's `text` refuses the
 * first and UTF-8 cannot encode the second), every integer through {@link pgInt4} / {@link pgInt8}.
 * Workflow-safe: zod only.
 */

/** Longest free-text field we accept unless a caller names a smaller bound (one e-mail body's worth). */
export const MAX_TEXT = 20_000;

/** The PostgreSQL `integer` range. */
export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;
/** The PostgreSQL `bigint` range, as bigint. */
export const INT8_MAX = 9_223_372_036_854_775_807n;

/**
 * The first character PostgreSQL cannot hold: a NUL, or a UTF-16 surrogate without its partner.
 * A linear scan, no regex backtracking.
 */
export function unstorableCharacter(value: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0) return 'NUL byte';
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = i + 1 < value.length ? value.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return 'lone UTF-16 surrogate';
    }
    if (code >= 0xdc00 && code <= 0xdfff) return 'lone UTF-16 surrogate';
  }
  return undefined;
}

/** A string PostgreSQL stores unchanged: at most `max` characters, no NUL, no lone surrogate. */
export function pgText(max: number = MAX_TEXT): z.ZodString {
  return z
    .string()
    .max(max)
    .superRefine((value, ctx) => {
      const problem = unstorableCharacter(value);
      if (problem) ctx.addIssue({ code: 'custom', message: `must not contain a ${problem}` });
    });
}

/** An integer that fits PostgreSQL's `integer`. */
export function pgInt4(): z.ZodNumber {
  return z.number().int().min(INT4_MIN).max(INT4_MAX);
}

/** A non-negative decimal integer string that fits PostgreSQL's `bigint` (cursors, ids from query strings). */
export function pgInt8String(): z.ZodType<string> {
  return (
    z
      .string()
      .max(19)
      .regex(/^[0-9]+$/, 'must be a non-negative integer')
      // zod runs this even when the regex failed: BigInt('!') would throw (a 500), so check digits first.
      .refine((s) => !/^[0-9]+$/.test(s) || BigInt(s) <= INT8_MAX, 'must fit a 64-bit integer')
  );
}

/** 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the four-digit years both JS and PostgreSQL print alike. */
export const MIN_TIMESTAMP_MS = -62_135_596_800_000;
export const MAX_TIMESTAMP_MS = 253_402_300_799_999;

/**
 * A date-time string that `timestamptz` stores: parseable, and within years 1-9999 (JS dates reach ±275760,
 * which PostgreSQL refuses or cannot parse back).
 */
export function pgTimestampString(max = 64): z.ZodType<string> {
  return pgText(max)
    .min(1, 'is required')
    .refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date-time')
    .refine((s) => {
      const t = Date.parse(s);
      return Number.isNaN(t) || (t >= MIN_TIMESTAMP_MS && t <= MAX_TIMESTAMP_MS);
    }, 'must be a date-time between the years 1 and 9999');
}

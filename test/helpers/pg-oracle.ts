import fc from 'fast-check';

// Generators of hostile and ordinary input for property tests over the request schemas, and an oracle of
// what PostgreSQL stores, written independently of contracts/schemas/pg-safe*.ts (Buffer's UTF-8 codec and
// plain string methods), so a bug there cannot hide itself.

export const INT4_MAX = 2_147_483_647;
export const INT8_MAX = 9_223_372_036_854_775_807n;

/** True when PostgreSQL `text` / `jsonb` holds `s` unchanged: no NUL, and valid UTF-16 (UTF-8 round-trips). */
export const storable = (s: string): boolean =>
  !s.includes('\u0000') && Buffer.from(s, 'utf8').toString('utf8') === s;

/** What the webhook intake stores for `s`: NUL and each lone surrogate become U+FFFD. */
export const normalised = (s: string): string =>
  Buffer.from(s, 'utf8').toString('utf8').split('\u0000').join('\ufffd');

/** A JSON value with every string and key passed through {@link normalised} (last key wins on collisions). */
export function normalisedJson(v: unknown): unknown {
  if (typeof v === 'string') return normalised(v);
  if (Array.isArray(v)) return v.map(normalisedJson);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).map(([k, c]) => [normalised(k), normalisedJson(c)]));
}

const POISON = ['\u0000', 'a\u0000b', '\ud800', 'x\udbff', '\udc00y', '\udfff', 'ok\ud83d', '\ud83d\ude00'];

/**
 * Strings of every kind: ordinary Unicode, arbitrary UTF-16 code units (NUL, lone surrogates), known poison,
 * blank ones, and lengths right around `max`.
 */
export function anyText(max: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 2, arbitrary: fc.constantFrom(...POISON) },
    { weight: 1, arbitrary: fc.constantFrom('', '   ', ' \t') },
    { weight: 1, arbitrary: fc.string({ minLength: max - 1, maxLength: max + 1 }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.string({ minLength: max - 2, maxLength: max - 2 }), fc.constantFrom(...POISON))
        .map(([a, b]) => a + b),
    },
  );
}

/** Integers inside and just outside PostgreSQL's `integer`, and non-integers. */
export const anyInt4 = (): fc.Arbitrary<number> =>
  fc.oneof(
    fc.integer({ min: -5, max: INT4_MAX }),
    fc.constantFrom(INT4_MAX, INT4_MAX + 1, -1, 2 ** 53, 1.5),
    fc.integer(),
  );

/** Cursor-like strings: bigints around the 64-bit limit, and junk. */
export const anyCursor = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.bigInt({ min: 0n, max: 2n ** 64n }).map(String),
    fc.constantFrom(String(INT8_MAX), String(INT8_MAX + 1n), '9223372036854775808', '-1', '1e3', ' 1'),
    fc.string({ maxLength: 25 }),
  );

/** True when `c` is a cursor PostgreSQL's bigint takes (decimal, ≤ 19 digits, ≤ 2^63-1). */
export const validCursor = (c: string): boolean =>
  c.length > 0 && c.length <= 19 && [...c].every((ch) => ch >= '0' && ch <= '9') && BigInt(c) <= INT8_MAX;

/** The distinct `details[].path` of a 400 answer. */
export const namedPaths = (body: { error?: { details?: Array<{ path: string }> } }): string[] =>
  [...new Set((body.error?.details ?? []).map((d) => d.path))].sort();

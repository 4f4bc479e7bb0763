import {
  jsonTooDeep,
  storableJson,
  storableString,
  unstorableStrings,
} from '../../contracts/schemas/pg-safe-json';

describe('pg-safe-json: storable JSON without recursion on hostile input', () => {
  const deep = (n: number): unknown => JSON.parse(`${'['.repeat(n)}${']'.repeat(n)}`);

  it('measures 100,000-deep nesting without overflowing the stack', () => {
    expect(jsonTooDeep(deep(100_000))).toBe(true);
    expect(jsonTooDeep(deep(32))).toBe(false);
    expect(jsonTooDeep(deep(33))).toBe(true);
    expect(jsonTooDeep({ a: { b: 'x'.repeat(10) } }, 2)).toBe(false);
    expect(jsonTooDeep({ a: { b: {} } }, 2)).toBe(true);
  });

  it('names every NUL and lone surrogate, in keys and values, by path, at most `limit` of them', () => {
    const value = { a: ['ok', 'x\u0000'], 'k\ud800': 1, b: { c: '\udc00', d: '\ud83d\ude00' } };
    const found = unstorableStrings(value);
    expect(found).toHaveLength(3);
    expect(found).toEqual(
      expect.arrayContaining([
        { path: ['a', 1], problem: 'must not contain a NUL byte' },
        { path: ['k\ud800'], problem: 'key must not contain a lone UTF-16 surrogate' },
        { path: ['b', 'c'], problem: 'must not contain a lone UTF-16 surrogate' },
      ]),
    );
    expect(
      unstorableStrings(
        Array.from({ length: 100 }, () => '\u0000'),
        5,
      ),
    ).toHaveLength(5);
  });

  it('replaces NUL and lone surrogates with U+FFFD, keeps pairs, and returns clean values as they are', () => {
    expect(storableString('a\u0000b\ud800c\udc00\ud83d\ude00\ud83d')).toBe(
      'a\ufffdb\ufffdc\ufffd\u{1F600}\ufffd',
    );
    const clean = { a: [1, 'x'], b: null };
    expect(storableJson(clean)).toBe(clean);
    const dirty = JSON.parse('{"__proto__":{"x":"\\u0000"},"k\\u0000":["\\ud800"]}') as unknown;
    const fixed = storableJson(dirty) as Record<string, unknown>;
    expect(Object.getPrototypeOf(fixed)).toBe(Object.prototype);
    expect(Object.keys(fixed)).toEqual(['__proto__', 'k\ufffd']);
    expect(fixed['k\ufffd']).toEqual(['\ufffd']);
    expect(Object.getOwnPropertyDescriptor(fixed, '__proto__')!.value).toEqual({ x: '\ufffd' });
  });
});

import { flattenCustomVariables, templateVariables, weekdaysToDays } from '../../../lib/instantly/mapping';

describe('weekdaysToDays', () => {
  it('Mon–Fri → "1"–"5"; "0" is Sunday and "6" Saturday', () => {
    expect(weekdaysToDays(['mon', 'tue', 'wed', 'thu', 'fri'])).toEqual({
      '1': true,
      '2': true,
      '3': true,
      '4': true,
      '5': true,
    });
    expect(weekdaysToDays(['sun'])).toEqual({ '0': true });
    expect(weekdaysToDays(['sat'])).toEqual({ '6': true });
  });

  it('full names, any case, whitespace and repeats are accepted', () => {
    expect(weekdaysToDays(['Sunday', 'SATURDAY', ' monday ', 'Mon'])).toEqual({
      '0': true,
      '1': true,
      '6': true,
    });
  });

  it('every day maps to its own key', () => {
    const names = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
    names.forEach((name, index) => expect(weekdaysToDays([name])).toEqual({ [String(index)]: true }));
  });

  it('rejects an empty list and unknown names, listing all of them', () => {
    expect(() => weekdaysToDays([])).toThrow(expect.objectContaining({ code: 'invalid_days' }));
    expect(() => weekdaysToDays(['mon', 'funday', '1'])).toThrow(/"funday", "1"/);
  });
});

describe('flattenCustomVariables', () => {
  it('keeps scalars and reports every other value by key (nothing silently dropped)', () => {
    const input = {
      city: 'Lyon',
      rating: 4.5,
      verified: false,
      note: null,
      nested: { a: 1 },
      tags: ['a'],
      missing: undefined,
      nan: Number.NaN,
      inf: Number.POSITIVE_INFINITY,
      when: new Date(0),
      big: BigInt(1),
      fn: () => 1,
      ' ': 'blank key',
    };
    expect(flattenCustomVariables(input)).toEqual({
      values: { city: 'Lyon', rating: 4.5, verified: false, note: null },
      errors: [
        { key: 'nested', reason: 'object' },
        { key: 'tags', reason: 'array' },
        { key: 'missing', reason: 'undefined' },
        { key: 'nan', reason: 'not_finite_number' },
        { key: 'inf', reason: 'not_finite_number' },
        { key: 'when', reason: 'object' },
        { key: 'big', reason: 'unsupported_type' },
        { key: 'fn', reason: 'unsupported_type' },
        { key: ' ', reason: 'empty_key' },
      ],
    });
  });
});

describe('templateVariables', () => {
  it('returns placeholder names in first-use order, ignoring whitespace inside braces', () => {
    const names = templateVariables('Hi {{firstName}}, {{ companyName }} and {{firstName}} {{  }} {{city}}');
    expect([...names]).toEqual(['firstName', 'companyName', 'city']);
  });

  it('is empty when there are none', () => {
    expect(templateVariables('no placeholders { here }').size).toBe(0);
  });
});

import {
  flattenCustomVariables,
  planSequenceToSteps,
  templateVariables,
  toHtmlBody,
  weekdaysToDays,
  type PlanStep,
} from '../../../lib/instantly/mapping';

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

describe('planSequenceToSteps', () => {
  const plan: PlanStep[] = [
    { subject: 'Hi {{firstName}}', body: 'Hello {{firstName}},\n\nQuick question.', delayDays: 0 },
    {
      subject: '',
      body: '<p>Following up, {{ companyName }}</p>',
      delayDays: 3,
      variants: [{ subject: 'Re: <b>ideas</b>', body: 'Variant B & more' }],
    },
    { subject: 'Last one', body: 'Bye', delayDays: 5 },
  ];

  it('shifts delays: email k\'s "days after previous" goes on step k−1; the last step waits 0', () => {
    const steps = planSequenceToSteps(plan);
    expect(steps.map((s) => [s.type, s.delay, s.delay_unit])).toEqual([
      ['email', 3, 'days'],
      ['email', 5, 'days'],
      ['email', 0, 'days'],
    ]);
  });

  it('own subject/body is variant A, extra variants follow; subjects are never HTML-wrapped', () => {
    const steps = planSequenceToSteps(plan);
    expect(steps[0]!.variants).toEqual([
      {
        subject: 'Hi {{firstName}}',
        body: '<div>Hello {{firstName}},</div><div><br /></div><div>Quick question.</div>',
      },
    ]);
    expect(steps[1]!.variants).toEqual([
      { subject: '', body: '<p>Following up, {{ companyName }}</p>' },
      { subject: 'Re: <b>ideas</b>', body: '<div>Variant B &amp; more</div>' },
    ]);
  });

  it('a one-email plan has a single step with delay 0', () => {
    expect(planSequenceToSteps([{ subject: 'S', body: 'B', delayDays: 0 }])).toEqual([
      { type: 'email', delay: 0, delay_unit: 'days', variants: [{ subject: 'S', body: '<div>B</div>' }] },
    ]);
  });

  it.each([
    ['an empty plan', []],
    [
      'a negative delay',
      [
        { subject: 'S', body: 'B', delayDays: 0 },
        { subject: '', body: 'B', delayDays: -1 },
      ],
    ],
    ['a NaN delay', [{ subject: 'S', body: 'B', delayDays: Number.NaN }]],
    ['a delay on the first email', [{ subject: 'S', body: 'B', delayDays: 2 }]],
    ['an empty first subject', [{ subject: ' ', body: 'B', delayDays: 0 }]],
    ['a subject with a line break', [{ subject: 'a\nb', body: 'B', delayDays: 0 }]],
    ['an empty body', [{ subject: 'S', body: '  ', delayDays: 0 }]],
    [
      'an empty variant body',
      [{ subject: 'S', body: 'B', delayDays: 0, variants: [{ subject: 'x', body: '' }] }],
    ],
  ])('rejects %s', (_label, bad) => {
    expect(() => planSequenceToSteps(bad as PlanStep[])).toThrow(
      expect.objectContaining({ code: 'invalid_sequence' }),
    );
  });
});

describe('toHtmlBody', () => {
  it('plain text: one div per line, <div><br /></div> per empty line, CRLF and CR handled', () => {
    expect(toHtmlBody('a\r\nb\rc\n\nd')).toBe(
      '<div>a</div><div>b</div><div>c</div><div><br /></div><div>d</div>',
    );
  });

  it('escapes & < > outside placeholders and keeps {{…}} byte-for-byte', () => {
    const text = 'A & B <3 {{ first_name }} {{RANDOM | Hi | Hello}} {{x<y}}';
    expect(toHtmlBody(text)).toBe(
      '<div>A &amp; B &lt;3 {{ first_name }} {{RANDOM | Hi | Hello}} {{x<y}}</div>',
    );
  });

  it('HTML is left untouched', () => {
    const html = '<div>Hi {{firstName}}</div>\n<br/>\n<a href="https://x.test">x</a>';
    expect(toHtmlBody(html)).toBe(html);
    expect(toHtmlBody('line one<br>line two')).toBe('line one<br>line two');
  });

  it('comparison signs in plain text are not mistaken for tags', () => {
    expect(toHtmlBody('if x<y and y>z')).toBe('<div>if x&lt;y and y&gt;z</div>');
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

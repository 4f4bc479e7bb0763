import { planSequenceToSteps, toHtmlBody, type PlanStep } from '../../../lib/instantly/mapping';

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

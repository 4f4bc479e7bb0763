import { classifyReply, extractReturnDate } from '../../lib/replies';
import { compileLexicon, LEXICON } from '../../lib/replies/lexicon';

const at = new Date('2025-03-05T10:00:00Z'); // a Wednesday

describe('out_of_office return dates', () => {
  const cases: Array<[string, string, string | null]> = [
    [
      'en month day',
      'I am out of the office until Monday, March 10 with limited access to email.',
      '2025-03-10',
    ],
    ['en US numeric', "I'm on vacation and will return on 03/17/2025.", '2025-03-17'],
    ['ISO', 'Out of office with no access to email until 2025-04-02.', '2025-04-02'],
    ['en day month year', 'On annual leave, returning 24 February 2026.', '2026-02-24'],
    ['en ordinal of', 'Out of office until the 10th of April.', '2025-04-10'],
    ['start and end: the end wins', 'Out of office from March 6 until March 14.', '2025-03-14'],
    ['es', 'Estoy fuera de la oficina hasta el 15 de abril.', '2025-04-15'],
    ['es numeric', 'Me encuentro fuera de la oficina hasta el 10/03/2025.', '2025-03-10'],
    ['fr', "Je suis absent du bureau jusqu'au 12 mars inclus.", '2025-03-12'],
    ['fr numeric', 'Je suis en congés jusqu’au 25/08/2025.', '2025-08-25'],
    ['de numeric', 'Ich bin bis zum 14.03.2025 nicht im Büro.', '2025-03-14'],
    ['de month name', 'Ich bin im Urlaub und ab dem 2. Juni wieder erreichbar.', '2025-06-02'],
    ['pt', 'Estou fora do escritório até segunda-feira, 10 de março.', '2025-03-10'],
    ['pt numeric', 'Estou de férias até 20/01/2026.', '2026-01-20'],
    ['nl', 'Ik ben met vakantie tot en met 18 augustus.', '2025-08-18'],
    ['year rolls over', 'Out of office until January 6.', '2026-01-06'],
    ['weekday only', "I'm travelling this week. Back in the office on Monday.", '2025-03-10'],
    ['no date', 'I am on maternity leave. Please email office@example.com.', null],
  ];
  it.each(cases)('%s', (_name, text, want) => {
    const c = classifyReply({ text, auto: true, receivedAt: at });
    expect(c.label).toBe('out_of_office');
    expect(c.returnDate).toBe(want);
  });

  it('without receivedAt, only a date that names its year resolves', () => {
    expect(extractReturnDate('back on 2025-04-02', 'en')).toBe('2025-04-02');
    expect(extractReturnDate('back on March 10', 'en')).toBeNull();
  });

  it('refuses impossible dates and phone numbers', () => {
    expect(extractReturnDate('until 31/02/2025', 'fr', at)).toBeNull();
    expect(extractReturnDate('call 01 23 45 67 89 or 555-0100', 'fr', at)).toBeNull();
  });

  it('only out_of_office answers carry a return date', () => {
    expect(classifyReply({ text: 'Yes, call me on March 10.', receivedAt: at }).returnDate).toBeNull();
  });
});

describe('labelling rules for mixed signals (docs/replies.md)', () => {
  const cases: Array<[string, string, boolean | undefined]> = [
    ['Not now, maybe in March.', 'not_interested', undefined],
    ['Not right now but in principle yes, let us do a call on the 14th.', 'interested', undefined],
    ['Not interested. Please remove me from your list.', 'unsubscribe', undefined],
    ['This shop has permanently closed, remove it from your database.', 'wrong_person', undefined],
    ["Not interested, and I'm not the owner anyway.", 'wrong_person', undefined],
    ["I'm not the owner but I'd love to hear more. Call me.", 'interested', undefined],
    ['Interesting. How much does it cost?', 'question', undefined],
    ["I'm interested, how much does it cost?", 'interested', undefined],
    ['Interesting idea but not for us.', 'not_interested', undefined],
    ['ok', 'interested', undefined],
    ['Thanks', 'question', undefined],
    ['Thanks for your email, we will get back to you within 24 hours.', 'auto_other', true],
    ['Yes I am interested, call me', 'auto_other', true],
    ['Re: leads for your shop', 'question', undefined],
  ];
  it.each(cases)('"%s" → %s', (text, label, auto) => {
    expect(classifyReply({ text, auto }).label).toBe(label);
  });

  it('a human reply with no signal at all is a low-confidence question, and says why', () => {
    const c = classifyReply({ text: 'Thanks' });
    expect(c.confidence).toBe(0.2);
    expect(c.reasons.join(' ')).toMatch(/no signal/);
  });

  it('an auto-reply subject makes a reply automatic even without the flag; a trade name does not', () => {
    expect(classifyReply({ text: 'I will reply later.', subject: 'Automatic reply: idea' }).label).toBe(
      'auto_other',
    );
    expect(classifyReply({ text: 'Call me', subject: "Re: more customers for Tom's Auto" }).label).toBe(
      'interested',
    );
  });

  it('reasons name the phrases that decided', () => {
    const c = classifyReply({ text: 'No thanks, we already work with an agency.' });
    expect(c.label).toBe('not_interested');
    expect(c.reasons).toEqual(expect.arrayContaining([expect.stringContaining('"no thanks"')]));
    expect(c.language).toBe('en');
  });
});

describe('lexicon integrity', () => {
  it('gives no folded phrase to two labels (compiling throws when one would)', () => {
    expect(LEXICON.length).toBeGreaterThan(500);
    expect(() =>
      compileLexicon([
        [
          'en',
          [
            ['interested', 1, ['call me']],
            ['unsubscribe', 1, ['Call me!']],
          ],
        ],
      ]),
    ).toThrow(/both interested and unsubscribe/);
  });

  it('matches longer phrases first so "not interested" never counts as "interested"', () => {
    const c = classifyReply({ text: 'not interested' });
    expect(c.label).toBe('not_interested');
    expect(c.reasons.join(' ')).not.toMatch(/"interested"/);
  });
});

import { classifyReply, REPLY_LABELS, stripReply } from '../../lib/replies';

// Names an outside string could use to reach Object.prototype through a plain-object lookup.
const NAMES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'prototype'])];

const timed = (text: string): number => {
  const t0 = process.hrtime.bigint();
  classifyReply({ text, subject: text.slice(0, 1000), receivedAt: new Date('2025-03-05T00:00:00Z') });
  return Number(process.hrtime.bigint() - t0) / 1e6;
};

describe('hostile reply text', () => {
  // Shapes that would make a backtracking regex or a quadratic scan blow up.
  const shapes: Array<[string, (n: number) => string]> = [
    ['one long line', (n) => 'a'.repeat(n)],
    ['many quoted lines', (n) => '> on wrote:\n'.repeat(n / 12)],
    ['attribution starts that never end', (n) => 'On Monday Sam\n'.repeat(n / 14)],
    ['header-like lines', (n) => 'From: x\nTo: y\n'.repeat(n / 14)],
    ['dates and digits', (n) => '1.2.3.4/5/6-7 de 12 de '.repeat(n / 23)],
    ['phrases everywhere', (n) => 'not interested but call me ? '.repeat(n / 29)],
    ['spaces', (n) => ' '.repeat(n)],
  ];
  it.each(shapes)(
    '%s: 1 MB classifies in linear time (only the first 20,000 characters are read)',
    (_name, make) => {
      timed(make(10_000)); // warm-up
      const oneMb = Math.min(timed(make(1_000_000)), timed(make(1_000_000)));
      const twoMb = Math.min(timed(make(2_000_000)), timed(make(2_000_000)));
      expect(oneMb).toBeLessThan(1_500);
      // doubling the input must not quadruple the time (quadratic would); the slack absorbs a busy machine
      expect(twoMb).toBeLessThan(oneMb * 3 + 50);
    },
  );

  it('prototype property names are plain words: valid labels, no throw, no leak', () => {
    for (const name of NAMES) {
      const c = classifyReply({ text: `${name} ${name}?\n${name}: ${name}`, subject: name });
      expect(REPLY_LABELS).toContain(c.label);
      expect(c.reasons.every((r) => typeof r === 'string')).toBe(true);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('NUL bytes, lone surrogates, CRLF and emoji do not break stripping or labelling', () => {
    const text = 'No thanks\u0000 \ud800 🙏\r\n\r\nSent from my iPhone\r\n';
    expect(stripReply(text).body).toBe('No thanks\u0000 \ud800 🙏');
    expect(classifyReply({ text }).label).toBe('not_interested');
  });

  it('an empty reply is a low-confidence question', () => {
    expect(classifyReply({ text: '' })).toMatchObject({ label: 'question', confidence: 0.2 });
  });
});

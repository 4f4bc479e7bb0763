import { MAX_PLACEHOLDER_NAME, scanPlaceholders } from '../../contracts/placeholders';
import { parseErrorBody } from '../../lib/instantly/errors';
import { templateVariables, toHtmlBody } from '../../lib/instantly/mapping';

const MB = 1024 * 1024;

/**
 * The shortest of three runs of fn, in ms: what the code costs, without the time other processes on a shared
 * machine took from it (a quadratic parser is slow in every run).
 */
const timed = (fn: () => unknown): number => {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
};

// Shapes that made backtracking regexes super-linear (the body, and its relatives), each ~1 MB.
const PATHOLOGICAL: Array<[string, string]> = [
  ['"{{" + spaces + "x" (the issue\'s body)', `{{${' '.repeat(MB)}x`],
  ['"{{" + spaces + "}" ', `{{${' '.repeat(MB)}}`],
  ['"{{ " repeated', '{{ '.repeat(MB / 3)],
  ['"{{" repeated', '{{'.repeat(MB / 2)],
  ['"{" repeated', '{'.repeat(MB)],
  ['"{{ a" repeated', '{{ a'.repeat(MB / 4)],
  ['"{{a}" repeated', '{{a}'.repeat(MB / 4)],
  ['tabs and newlines inside an open placeholder', `{{${'\t\n '.repeat(MB / 3)}x`],
];

describe('placeholder parsing is linear (issue 10 item 1)', () => {
  it('finds the same placeholders the old regex found', () => {
    expect([...templateVariables('Hi {{firstName}}, {{ companyName }} and {{firstName}} again')]).toEqual([
      'firstName',
      'companyName',
    ]);
    expect([...templateVariables('{{{a}}} {{ }} {{b c}} {{x{y}} }}')]).toEqual(['a', 'b c']);
    expect(scanPlaceholders('x {{ a }} y').placeholders).toEqual([{ name: 'a', start: 2, end: 9 }]);
  });

  it('names the first malformed placeholder and accepts well-formed text', () => {
    expect(scanPlaceholders('Hello {{firstName}}, {{{icebreaker}}}').problem).toBeUndefined();
    expect(scanPlaceholders('no placeholders, a } and a { alone').problem).toBeUndefined();
    for (const bad of ['{{ firstName', 'a {{b}', '{{a {{b}}', '{{', '{{}x'])
      expect(scanPlaceholders(bad).problem).toMatch(/not closed/);
    expect(scanPlaceholders(`{{${'n'.repeat(MAX_PLACEHOLDER_NAME + 1)}}}`).problem).toMatch(/longer than/);
    expect(scanPlaceholders(`{{${'n'.repeat(MAX_PLACEHOLDER_NAME)}}}`).problem).toBeUndefined();
  });

  it.each(PATHOLOGICAL)('parses 1 MB of %s in under a second', (_name, text) => {
    // The old regex needed 60 s for 8,000 spaces (cubic: 1 MB would take years); a linear scan of 1 MB takes
    // tens of ms. 1 s leaves room for a loaded 2-core CI machine and still fails any quadratic parser.
    expect(timed(() => templateVariables(text))).toBeLessThan(1000);
    expect(timed(() => scanPlaceholders(text))).toBeLessThan(1000);
    expect(timed(() => toHtmlBody(text))).toBeLessThan(1000);
  });

  it('keeps placeholders byte-for-byte when escaping plain text to HTML', () => {
    expect(toHtmlBody('a < b {{ first<Name }} & {{x}')).toBe(
      '<div>a &lt; b {{ first<Name }} &amp; {{x}</div>',
    );
  });
});

describe('error pages of any size are read in linear time', () => {
  it.each([
    ['"<" repeated (a tag that never closes)', '<'.repeat(MB)],
    ['"<title>" repeated without a closing tag', '<title>'.repeat(MB / 7)],
    ['Cloudflare page full of "<"', `cloudflare ${'<'.repeat(MB)}`],
  ])('%s', (_name, body) => {
    let message = '';
    expect(timed(() => (message = parseErrorBody(502, body).message))).toBeLessThan(1000);
    expect(message.length).toBeLessThan(400);
  });

  it('still reads titles and strips tags', () => {
    expect(parseErrorBody(502, '<html><TITLE>502 <b>Bad</b> Gateway</TITLE></html>').message).toBe(
      'non-JSON response: 502 Bad Gateway',
    );
    expect(parseErrorBody(500, 'oops <b>broken</b> a < b').message).toBe(
      'non-JSON response: oops broken a < b',
    );
  });
});

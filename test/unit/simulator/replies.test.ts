import { render, stripTags, toText } from '../../../simulator/story/replies';

describe('simulator reply text (issue 10: linear, own variables only)', () => {
  it('strips tags exactly like /<[^>]+>/g did', () => {
    for (const html of ['<a<b>', 'x<>y<b>z', 'a < b', '<div>hi</div><br />', '<<<>>>', 'a<', '>a<b', '<>'])
      expect(stripTags(html)).toBe(html.replace(/<[^>]+>/g, ''));
    expect(toText('<div>Hello</div><div><br /></div><div>there</div>')).toBe('Hello\n\nthere');
  });

  it('reads 1 MB of "<" without a closing ">" in under a second', () => {
    const start = performance.now();
    expect(toText('<'.repeat(1 << 20))).toHaveLength(1 << 20);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('renders Object.prototype names as unknown tags (empty)', () => {
    for (const name of ['constructor', 'toString', 'valueOf', '__proto__'])
      expect(render(`[{{${name}}}]`, { firstName: 'Ann' })).toBe('[]');
    expect(render('{{ firstName }}', { firstName: 'Ann' })).toBe('Ann');
  });
});

import { csvCell, parseCsv } from '../../tools/csv';

describe('CSV import parsing', () => {
  it('reads quoted cells, doubled quotes, CRLF and empty cells', () => {
    const text =
      '\uFEFFname,email,icebreaker\r\n"Joe\'s, Bakery",joe@x.example.com,"He said ""hi""\nthen left"\r\nNo Mail,,plain\r\n\r\n';
    expect(parseCsv(text)).toEqual([
      { name: "Joe's, Bakery", email: 'joe@x.example.com', icebreaker: 'He said "hi"\nthen left' },
      { name: 'No Mail', email: undefined, icebreaker: 'plain' },
    ]);
  });
  it('round-trips through csvCell', () => {
    const values = ['a,b', 'say "x"', 'line\nbreak', 'plain', 4.5];
    expect(parseCsv(`h1,h2,h3,h4,h5\n${values.map(csvCell).join(',')}\n`)).toEqual([
      { h1: 'a,b', h2: 'say "x"', h3: 'line\nbreak', h4: 'plain', h5: '4.5' },
    ]);
  });
});

import { REPLY_LABELS } from '../../contracts/reply-labels';
import { interestValueForLabel, LABEL_INTEREST_VALUES } from '../../lib/instantly';

// Issue 16: our reply labels → Instantly's `interest_value` (`lt_interest_status` enum of the official OpenAPI
// document: 1 Interested, 0 Out of Office, -1 Not Interested, -2 Wrong Person, 2/3/4/-3/-4 meeting booked /
// completed / won / lost / no show).
describe('reply label → Instantly interest value', () => {
  it('maps exactly the four labels Instantly has a value for', () => {
    expect(REPLY_LABELS.map((l) => [l, interestValueForLabel(l)])).toEqual([
      ['interested', 1],
      ['not_interested', -1],
      ['unsubscribe', null],
      ['out_of_office', 0],
      ['wrong_person', -2],
      ['question', null],
      ['auto_other', null],
    ]);
  });

  it('only uses values of the lt_interest_status enum, each once', () => {
    const values = LABEL_INTEREST_VALUES.map(([, v]) => v);
    expect(new Set(values).size).toBe(values.length);
    for (const v of values) expect([1, 2, 3, 4, 0, -1, -2, -3, -4]).toContain(v);
    for (const [label] of LABEL_INTEREST_VALUES) expect(REPLY_LABELS).toContain(label);
  });

  it('gives nothing for anything else, including object member names', () => {
    for (const l of ['', 'Interested', 'constructor', '__proto__', 'toString', 'meeting_booked']) {
      expect(interestValueForLabel(l)).toBeNull();
    }
  });
});

// Pure (workflow-safe): which of our reply labels have an Instantly interest value (`lt_interest_status`).

/**
 * Our reply label → Instantly's `interest_value` (the `lt_interest_status` enum of the official OpenAPI document:
 * 1 Interested, 0 Out of Office, -1 Not Interested, -2 Wrong Person; 2 Meeting Booked, 3 Meeting Completed,
 * 4 Won, -3 Lost and -4 No Show have no reply label). A list of pairs, not an object: a label from outside is
 * never a plain-object key. Labels not listed (`unsubscribe`, `question`, `auto_other`) are never written as an
 * interest status: Instantly has no value for them (`unsubscribe` goes to the block list instead).
 */
export const LABEL_INTEREST_VALUES: ReadonlyArray<readonly [label: string, value: 1 | 0 | -1 | -2]> = [
  ['interested', 1],
  ['not_interested', -1],
  ['out_of_office', 0],
  ['wrong_person', -2],
];

/** Instantly's interest value for a reply label, or null when Instantly has none. */
export function interestValueForLabel(label: string): 1 | 0 | -1 | -2 | null {
  for (const [l, value] of LABEL_INTEREST_VALUES) if (l === label) return value;
  return null;
}

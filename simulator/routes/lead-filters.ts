import type { LeadRecord } from '../types';

type Filter = (l: LeadRecord) => boolean;

const interest =
  (value: number): Filter =>
  (l) =>
    l.lt_interest_status === value;

const opened = (l: LeadRecord) => l.email_open_count > 0;
const replied = (l: LeadRecord) => l.email_reply_count > 0;

/**
 * The 27 `filter` values the document lists (x-enumDescriptions of `POST /leads/list`). The interest values
 * follow the `lt_interest_status` enum's order (1 interested, 2 meeting booked, 3 meeting completed, 4 closed,
 * 0 out of office, -1 not interested, -2 wrong person, -3 lost, -4 no show) and the verification ones the
 * `verification_status` enum (1 valid, -1 invalid, -2..-4 risky): INFERRED, Instantly describes only the names.
 * Custom labels are not modelled, so those two filters match nothing.
 */
export const LEAD_FILTERS = new Map<string, Filter>([
  ['FILTER_VAL_CONTACTED', (l) => l.timestamp_last_contact !== null],
  ['FILTER_VAL_NOT_CONTACTED', (l) => l.timestamp_last_contact === null],
  ['FILTER_VAL_COMPLETED', (l) => l.status === 3],
  ['FILTER_VAL_UNSUBSCRIBED', (l) => l.status === -2],
  ['FILTER_VAL_ACTIVE', (l) => l.status === 1],
  ['FILTER_LEAD_INTERESTED', interest(1)],
  ['FILTER_LEAD_NOT_INTERESTED', interest(-1)],
  ['FILTER_LEAD_MEETING_BOOKED', interest(2)],
  ['FILTER_LEAD_MEETING_COMPLETED', interest(3)],
  ['FILTER_LEAD_CLOSED', interest(4)],
  ['FILTER_LEAD_OUT_OF_OFFICE', interest(0)],
  ['FILTER_LEAD_WRONG_PERSON', interest(-2)],
  ['FILTER_LEAD_LOST', interest(-3)],
  ['FILTER_LEAD_NO_SHOW', interest(-4)],
  ['FILTER_LEAD_CUSTOM_LABEL_POSITIVE', () => false],
  ['FILTER_LEAD_CUSTOM_LABEL_NEGATIVE', () => false],
  ['FILTER_VAL_BOUNCED', (l) => l.status === -1],
  ['FILTER_VAL_SKIPPED', (l) => l.status === -3],
  ['FILTER_VAL_RISKY', (l) => [-2, -3, -4].includes(l.verification_status ?? 0)],
  ['FILTER_VAL_INVALID', (l) => l.verification_status === -1],
  ['FILTER_VAL_VALID', (l) => l.verification_status === 1],
  ['FILTER_VAL_IN_SUBSEQUENCE', () => false],
  ['FILTER_VAL_OPENED_NO_REPLY', (l) => opened(l) && !replied(l)],
  ['FILTER_VAL_COMPLETED_NO_REPLY', (l) => l.status === 3 && !replied(l)],
  ['FILTER_VAL_NO_OPENS', (l) => !opened(l)],
  ['FILTER_VAL_REPLIED', replied],
  ['FILTER_VAL_LINK_CLICKED', (l) => l.email_click_count > 0],
]);

/** A `filter` string: the document types it as any string; one it does not list matches no lead. */
export function leadFilter(value: string | undefined): Filter {
  if (value === undefined) return () => true;
  return LEAD_FILTERS.get(value) ?? (() => false);
}

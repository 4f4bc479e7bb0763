/** The closed set of reply labels (docs/replies.md explains each one and how ties are broken). */
export const REPLY_LABELS = [
  'interested',
  'not_interested',
  'unsubscribe',
  'out_of_office',
  'wrong_person',
  'question',
  'auto_other',
] as const;
export type ReplyLabel = (typeof REPLY_LABELS)[number];

import { z } from 'zod';
import { optionalNumber, optionalString, type PageQuery } from './common';

/** `Email` (OpenAPI `components.schemas.Email`): the fields this project reads; the rest pass through. */
export const emailSchema = z.looseObject({
  id: z.string(),
  timestamp_created: z.string(),
  timestamp_email: optionalString,
  subject: optionalString,
  body: z.looseObject({ text: optionalString, html: optionalString }).nullish(),
  campaign_id: optionalString,
  lead: optionalString,
  step: optionalString,
  ue_type: optionalNumber,
  is_auto_reply: optionalNumber,
  thread_id: optionalString,
});

/** One e-mail of the Unibox (`GET /emails`). */
export type Email = z.infer<typeof emailSchema>;

/** Query of `GET /emails` (the subset this project sends). */
export interface ListEmailsQuery extends PageQuery {
  campaign_id?: string;
  /** The lead's e-mail address. */
  lead?: string;
  email_type?: 'received' | 'sent' | 'manual';
  sort_order?: 'asc' | 'desc';
}

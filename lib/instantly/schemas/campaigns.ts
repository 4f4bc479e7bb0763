import { z } from 'zod';
import { optionalNumber, optionalString } from './common';

/** A campaign as Instantly returns it (create/get/list/patch/activate/pause/delete). */
export const campaignSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.number(),
  timestamp_created: optionalString,
  timestamp_updated: optionalString,
  not_sending_status: optionalNumber,
  organization: optionalString,
  email_list: z.array(z.string()).nullish(),
  campaign_schedule: z.looseObject({ schedules: z.array(z.looseObject({})) }).nullish(),
  sequences: z.array(z.looseObject({ steps: z.array(z.looseObject({})).nullish() })).nullish(),
});

/** A campaign as Instantly returns it. */
export type Campaign = z.infer<typeof campaignSchema>;

/** `GET /campaigns/{id}/sending-status`; read `diagnostics?.status ?? summary?.status`. */
export const sendingStatusSchema = z.looseObject({
  diagnostics: z.looseObject({ status: optionalString, campaign_id: optionalString }).nullish(),
  summary: z.looseObject({ status: optionalString, status_message: optionalString }).nullish(),
});

/** Result of {@link sendingStatusSchema}. */
export type SendingStatus = z.infer<typeof sendingStatusSchema>;

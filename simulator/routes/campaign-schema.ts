import { z } from 'zod';
import { isInstantlyTimezone } from '../../contracts/instantly-timezones';
import { uuid } from './common';

const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):([0-5][0-9])$/);
const unit = z.enum(['minutes', 'hours', 'days']);
const flag = z.boolean().nullable().optional();
const count = z.number().nullable().optional();
const emails = z.array(z.email()).optional();

/** `format: date`: `YYYY-MM-DD` only (the document's type; a timestamp is refused, as ajv-formats does). */
const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
  message: 'must match format "date"',
});

/** A UUID-typed reference the simulator does not model (tags, owners, AI agents). */
const uuidRef = uuid.nullable().optional();

// Below the top level the document sets no additionalProperties: false, so unknown nested keys are accepted
// (and dropped, as a schema-validating server with removeAdditional would).
const days = z
  .looseObject({
    '0': z.boolean().optional(),
    '1': z.boolean().optional(),
    '2': z.boolean().optional(),
    '3': z.boolean().optional(),
    '4': z.boolean().optional(),
    '5': z.boolean().optional(),
    '6': z.boolean().optional(),
  })
  .refine((d) => Object.keys(d).length > 0, { message: 'must NOT have fewer than 1 properties' })
  .transform((d) => Object.fromEntries(Object.entries(d).filter(([k]) => /^[0-6]$/.test(k))));

const schedule = z.object({
  name: z.string(),
  timing: z.object({ from: hhmm, to: hhmm }),
  days,
  timezone: z.string().refine(isInstantlyTimezone, { message: 'must be equal to one of the allowed values' }),
});

const campaignSchedule = z.object({
  schedules: z.array(schedule).min(1),
  start_date: day.nullable().optional(),
  end_date: day.nullable().optional(),
});

const variant = z.object({ subject: z.string(), body: z.string(), v_disabled: z.boolean().optional() });

const step = z.object({
  type: z.literal('email'),
  delay: z.number(),
  delay_unit: unit.optional(),
  pre_delay: z.number().optional(),
  pre_delay_unit: unit.optional(),
  // The document sets no minItems: a step may (transiently) have no variant.
  variants: z.array(variant),
});

const esp = z.array(z.enum(['all', 'google', 'outlook', 'other'])).optional();

/** Every optional field of the create body (§2.1); unknown top-level fields are rejected, as the document says. */
const optionalFields = {
  sequences: z.array(z.object({ steps: z.array(step) })).optional(),
  email_list: emails,
  email_tag_list: z.array(uuid).optional(),
  daily_limit: count,
  daily_max_leads: z.number().int().min(0).nullable().optional(),
  email_gap: count,
  random_wait_max: count,
  stop_on_reply: flag,
  stop_on_auto_reply: flag,
  stop_for_company: flag,
  open_tracking: z.boolean().optional(),
  link_tracking: flag,
  text_only: flag,
  first_email_text_only: flag,
  insert_unsubscribe_header: flag,
  prioritize_new_leads: flag,
  match_lead_esp: flag,
  allow_risky_contacts: flag,
  disable_bounce_protect: flag,
  auto_variant_select: z
    .object({ trigger: z.enum(['reply_rate', 'click_rate', 'open_rate']) })
    .nullable()
    .optional(),
  limit_emails_per_company_override: z
    .object({
      mode: z.enum(['custom', 'disabled']),
      daily_limit: z.number().min(1).optional(),
      scope: z.enum(['per_campaign', 'across_workspace']).optional(),
    })
    .nullable()
    .optional(),
  provider_routing_rules: z
    .array(
      z.object({
        action: z.enum(['send', 'do_not_send']).optional(),
        recipient_esp: esp,
        sender_esp: esp,
      }),
    )
    .optional(),
  cc_list: emails,
  bcc_list: emails,
  pl_value: count,
  is_evergreen: flag,
  owned_by: uuidRef,
};

/** `POST /api/v2/campaigns` body: `name` and `campaign_schedule` required. */
export const createCampaignSchema = z.strictObject({
  name: z.string(),
  campaign_schedule: campaignSchedule,
  ...optionalFields,
  ai_sdr_id: uuidRef,
});

/** `PATCH /api/v2/campaigns/{id}` body: the same fields, all optional, no `ai_sdr_id`. */
export const patchCampaignSchema = z.strictObject({
  name: z.string().optional(),
  campaign_schedule: campaignSchedule.optional(),
  ...optionalFields,
});

/** A validated create body. */
export type CreateCampaignBody = z.output<typeof createCampaignSchema>;

import { z } from 'zod';
import { isInstantlyTimezone } from '../../contracts/instantly-timezones';

const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):([0-5][0-9])$/);
const unit = z.enum(['minutes', 'hours', 'days']);
const flag = z.boolean().nullable().optional();
const count = z.number().nullable().optional();
const emails = z.array(z.email()).optional();

/** Accepts `YYYY-MM-DD` or a full datetime (older docs echo those) and keeps `YYYY-MM-DD` (§1.6). */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T.*)?$/, { message: 'must match format "date"' })
  .transform((s) => s.slice(0, 10));

const days = z
  .strictObject({
    '0': z.boolean().optional(),
    '1': z.boolean().optional(),
    '2': z.boolean().optional(),
    '3': z.boolean().optional(),
    '4': z.boolean().optional(),
    '5': z.boolean().optional(),
    '6': z.boolean().optional(),
  })
  .refine((d) => Object.keys(d).length > 0, { message: 'must NOT have fewer than 1 properties' });

const schedule = z.strictObject({
  name: z.string(),
  timing: z.strictObject({ from: hhmm, to: hhmm }),
  days,
  timezone: z.string().refine(isInstantlyTimezone, { message: 'must be equal to one of the allowed values' }),
});

const campaignSchedule = z.strictObject({
  schedules: z.array(schedule).min(1),
  start_date: day.nullable().optional(),
  end_date: day.nullable().optional(),
});

const variant = z.strictObject({ subject: z.string(), body: z.string(), v_disabled: z.boolean().optional() });

const step = z.strictObject({
  type: z.literal('email'),
  delay: z.number(),
  delay_unit: unit.optional(),
  pre_delay: z.number().optional(),
  pre_delay_unit: unit.optional(),
  variants: z.array(variant).min(1),
});

const esp = z.array(z.enum(['all', 'google', 'outlook', 'other'])).optional();

/** Every optional field of the create body (§2.1); unknown fields are rejected (strict simulator). */
const optionalFields = {
  sequences: z.array(z.strictObject({ steps: z.array(step) })).optional(),
  email_list: emails,
  email_tag_list: z.array(z.string()).optional(),
  daily_limit: count,
  daily_max_leads: count,
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
    .strictObject({ trigger: z.enum(['reply_rate', 'click_rate', 'open_rate']) })
    .nullable()
    .optional(),
  limit_emails_per_company_override: z
    .strictObject({
      mode: z.enum(['custom', 'disabled']),
      daily_limit: z.number().optional(),
      scope: z.enum(['per_campaign', 'across_workspace']).optional(),
    })
    .nullable()
    .optional(),
  provider_routing_rules: z
    .array(
      z.strictObject({
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
  owned_by: z.string().nullable().optional(),
};

/** `POST /api/v2/campaigns` body: `name` and `campaign_schedule` required. */
export const createCampaignSchema = z.strictObject({
  name: z.string().min(1),
  campaign_schedule: campaignSchedule,
  ...optionalFields,
  ai_sdr_id: z.string().nullable().optional(),
});

/** `PATCH /api/v2/campaigns/{id}` body: the same fields, all optional, no `ai_sdr_id`. */
export const patchCampaignSchema = z.strictObject({
  name: z.string().min(1).optional(),
  campaign_schedule: campaignSchedule.optional(),
  ...optionalFields,
});

/** A validated create body. */
export type CreateCampaignBody = z.output<typeof createCampaignSchema>;

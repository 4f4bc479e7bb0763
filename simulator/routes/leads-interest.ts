import { z } from 'zod';
import { Answer } from '../core/answer';
import { ApiError } from '../core/errors';
import { parseOr400 } from '../core/validation';
import type { ApiContext } from '../context';
import { isValidEmail } from './lead-schema';
import { createJob, finishJobLater } from './jobs';

/** `POST /leads/update-interest-status` body as the official OpenAPI document gives it (`lead_email`, `interest_value` required). */
const interestSchema = z.strictObject({
  lead_email: z.string().max(320),
  interest_value: z.number().nullable(),
  campaign_id: z.string().optional(),
  ai_interest_value: z.number().optional(),
  disable_auto_interest: z.boolean().optional(),
  list_id: z.string().optional(),
});

/** The document's 202 message. */
export const INTEREST_JOB_MESSAGE = 'Lead interest status update background job submitted';

/**
 * `POST /api/v2/leads/update-interest-status` → 202 `{ message }`. The change runs as a background job
 * (`update-interest-status`, listed by `GET /background-jobs`) that sets `lt_interest_status` of every lead record
 * with that address (in `campaign_id` / `list_id` when given) after `backgroundJobDelayMs`. An invalid address
 * answers 400 with the document's bare `{ error: "Invalid lead email" }`. An address with no lead is accepted
 * (the job finds none; what Instantly answers there is UNCONFIRMED). Setting the same value twice leaves the lead
 * as once does.
 */
export function updateInterestStatus(ctx: ApiContext): Answer {
  const body = parseOr400(interestSchema, ctx.body, 'body');
  const email = body.lead_email.trim().toLowerCase();
  if (!isValidEmail(email)) {
    throw new ApiError(400, 'Invalid lead email', { bare: { error: 'Invalid lead email' } });
  }
  const { ws } = ctx;
  const job = createJob(
    ws,
    {
      type: 'update-interest-status',
      entity_id: body.campaign_id ?? body.list_id ?? null,
      entity_type: body.campaign_id ? 'campaign' : body.list_id ? 'list' : null,
      data: { interest_value: body.interest_value },
    },
    () => {
      let updated = 0;
      for (const lead of ws.leads.values()) {
        if (lead.email?.toLowerCase() !== email) continue;
        if (body.campaign_id && lead.campaign !== body.campaign_id) continue;
        if (body.list_id && lead.list_id !== body.list_id) continue;
        lead.lt_interest_status = body.interest_value;
        updated += 1;
      }
      return { updated };
    },
  );
  finishJobLater(ws, job, ctx.sim.backgroundJobDelayMs, ctx.sim.signal);
  return new Answer(202, { message: INTEREST_JOB_MESSAGE });
}

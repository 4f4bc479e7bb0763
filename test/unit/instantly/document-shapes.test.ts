// Responses shaped exactly as Instantly's OpenAPI 3.1 document allows them (nulls where it says nullable, every
// documented enum value, required-only objects), parsed by the client's own zod schemas: a real answer must
// never fail our parsing where the simulator's did not. Hand-written: jest never reads ../shared.
import {
  addLeadsResultSchema,
  backgroundJobSchema,
  blockListEntrySchema,
  campaignAnalyticsSchema,
  campaignSchema,
  leadSchema,
  sendingStatusSchema,
  stepAnalyticsSchema,
  webhookEventSchema,
  webhookEventTypesSchema,
  webhookSchema,
  webhookTestResultSchema,
  updateInterestStatusResultSchema,
} from '../../../lib/instantly';
import { pageSchema } from '../../../lib/instantly/schemas/common';

const ID = '019ffad2-9c4e-7be6-8364-ed444afb02d5';
const AT = '2026-08-13T10:00:00.000Z';

/** The document's required Lead fields only, with status_summary the object it requires. */
const minimalLead = {
  id: ID,
  timestamp_created: AT,
  timestamp_updated: AT,
  organization: ID,
  status: 1,
  email_open_count: 0,
  email_reply_count: 0,
  email_click_count: 0,
  company_domain: '',
  status_summary: {},
};

const nullableLead = {
  ...minimalLead,
  campaign: null,
  list_id: null,
  email: null,
  first_name: null,
  last_name: null,
  company_name: null,
  payload: null,
  status_summary: { lastStep: { from: 'campaign', stepID: ID, timestamp_executed: AT } },
  last_step_id: null,
  assigned_to: null,
  subsequence_id: null,
  timestamp_last_contact: null,
};

describe('client response schemas accept every shape the Instantly document allows', () => {
  it.each([1, 2, 3, -1, -2, -3])('Lead status %p, every enum of lt_interest_status/esp/esg', (status) => {
    for (const lt of [1, 2, 3, 4, 0, -1, -2, -3, -4]) {
      const lead = { ...nullableLead, status, lt_interest_status: lt, esp_code: 1000, esg_code: 4 };
      expect(leadSchema.parse(lead).lt_interest_status).toBe(lt);
    }
    expect(leadSchema.parse(minimalLead).id).toBe(ID);
    expect(pageSchema(leadSchema).parse({ items: [nullableLead] }).items).toHaveLength(1);
  });

  it('Campaign: not_sending_status null or enum, nullable organization/dates, required fields only', () => {
    const base = {
      id: ID,
      name: '',
      status: -99,
      campaign_schedule: { schedules: [] },
      timestamp_created: AT,
      timestamp_updated: AT,
    };
    expect(campaignSchema.parse(base).status).toBe(-99);
    for (const n of [null, 1, 2, 3, 4, 99]) {
      const c = {
        ...base,
        not_sending_status: n,
        organization: null,
        campaign_schedule: { schedules: [], start_date: null, end_date: null },
      };
      expect(campaignSchema.parse(c).not_sending_status).toBe(n);
    }
  });

  it('Webhook: event_type/campaign/name/headers/status/timestamp_error null', () => {
    const hook = { id: ID, organization: ID, target_hook_url: 'https://x.test/h', timestamp_created: AT };
    const nulls = {
      campaign: null,
      name: null,
      event_type: null,
      custom_interest_value: null,
      headers: null,
      status: null,
      timestamp_error: null,
    };
    expect(webhookSchema.parse(hook).id).toBe(ID);
    expect(webhookSchema.parse({ ...hook, ...nulls }).event_type).toBeNull();
  });

  it('WebhookEvent: the document shape (timestamp_created_date, no campaign_id/event_type, nullable fields)', () => {
    const event = {
      id: ID,
      timestamp_created: AT,
      timestamp_created_date: '2026-08-13',
      organization_id: ID,
      success: false,
      retry_count: 0,
      will_retry: false,
      webhook_url: 'https://x.test/h',
      status_code: null,
      error_message: null,
      timestamp_next_retry: null,
      retry_group_id: null,
      retry_successful: null,
      lead_email: null,
      response_time_ms: null,
    };
    expect(
      pageSchema(webhookEventSchema).parse({ items: [event, { ...event, payload: {} }] }).items,
    ).toHaveLength(2);
  });

  it('leads/add summary: blocklist_used and remaining_in_plan null; created_leads with only id and index', () => {
    const r = {
      status: 'success',
      total_sent: 1,
      leads_uploaded: 1,
      in_blocklist: 0,
      blocklist_used: null,
      duplicated_leads: 0,
      skipped_count: 0,
      invalid_email_count: 0,
      incomplete_count: 0,
      duplicate_email_count: 0,
      remaining_in_plan: null,
      created_leads: [
        { id: ID, index: 0 },
        { id: ID, index: 1, email: null, first_name: null, last_name: null, phone: null },
      ],
    };
    expect(addLeadsResultSchema.parse(r).created_leads).toHaveLength(2);
  });

  it('analytics, sending status, background job, webhook test and event types', () => {
    expect(
      stepAnalyticsSchema.parse({
        step: null,
        variant: null,
        sent: 0,
        opened: 0,
        unique_opened: 0,
        replies: 0,
        unique_replies: 0,
        replies_automatic: 0,
        unique_replies_automatic: 0,
        clicks: 0,
        unique_clicks: 0,
      }).step,
    ).toBeNull();
    expect(
      campaignAnalyticsSchema.parse({
        campaign_name: 'n',
        campaign_id: ID,
        campaign_status: 1,
        campaign_is_evergreen: false,
        leads_count: 0,
        contacted_count: 0,
        open_count: 0,
        reply_count: 0,
        link_click_count: 0,
        bounced_count: 0,
        unsubscribed_count: 0,
        completed_count: 0,
        emails_sent_count: 0,
        new_leads_contacted_count: 0,
        total_opportunities: 0,
        total_opportunity_value: 0.5,
      }).campaign_id,
    ).toBe(ID);
    expect(sendingStatusSchema.parse({ diagnostics: null, summary: null }).diagnostics).toBeNull();
    expect(
      sendingStatusSchema.parse({
        diagnostics: { status: null },
        summary: { status: null, status_message: null },
      }),
    ).toBeTruthy();
    expect(sendingStatusSchema.parse({}).summary).toBeUndefined();
    for (const status of ['pending', 'in-progress', 'success', 'failed', 'draining', 'paused', 'cancelled']) {
      const job = {
        id: 'j',
        workspace_id: ID,
        type: 'move-leads',
        progress: 100,
        status,
        created_at: AT,
        updated_at: AT,
        user_id: null,
        entity_id: null,
      };
      expect(backgroundJobSchema.parse(job).status).toBe(status);
    }
    expect(webhookTestResultSchema.parse({}).success).toBeUndefined();
    expect(
      webhookEventTypesSchema.parse({
        event_types: [{}, { id: 'email_sent', label: 'Email Sent', type: 'standard' }],
      }).event_types,
    ).toHaveLength(2);
  });

  it('update-interest-status 202 (message optional) and BlockListEntry (every field required)', () => {
    const message = 'Lead interest status update background job submitted';
    expect(updateInterestStatusResultSchema.parse({ message }).message).toBe(message);
    expect(updateInterestStatusResultSchema.parse({})).toEqual({});
    const entry = {
      id: ID,
      timestamp_created: AT,
      organization_id: ID,
      bl_value: 'example.com',
      is_domain: true,
    };
    expect(blockListEntrySchema.parse(entry)).toEqual(entry);
    expect(
      pageSchema(blockListEntrySchema).parse({ items: [entry], next_starting_after: AT }).items,
    ).toHaveLength(1);
    const { is_domain: _d, ...withoutIsDomain } = entry;
    expect(() => blockListEntrySchema.parse(withoutIsDomain)).toThrow();
  });
});

import {
  createInstantlyClient,
  RateGovernor,
  webhookEventDateWindow,
  type InstantlyClient,
} from '../../lib/instantly';
import type { Simulator } from '../../simulator';
import { recordingFetch, type Exchange } from './exchange';
import { fullCampaignBody, startReceiver } from './fixtures';

/** Runs `fn`, keeping expected API failures (the failure paths the client handles) from ending the run. */
async function expectFailure(fn: () => Promise<unknown>, note: string[]): Promise<void> {
  try {
    await fn();
    note.push('expected a failure that did not happen');
  } catch {
    // The exchange is recorded and checked like any other.
  }
}

/**
 * Calls every method of the Instantly client against the simulator — success paths, and the failures the
 * client handles (400, 401, 404, 429, 5xx) — recording every exchange. Returns the exchanges and any
 * scenario that did not go as planned.
 */
export async function driveClient(
  sim: Simulator,
  keys: { good: string },
): Promise<{ exchanges: Exchange[]; problems: string[] }> {
  const exchanges: Exchange[] = [];
  const problems: string[] = [];
  const receiver = await startReceiver();
  const make = (apiKey: string): InstantlyClient =>
    createInstantlyClient({
      apiKey,
      baseUrl: sim.apiUrl,
      governor: new RateGovernor(),
      fetch: recordingFetch(sim.apiUrl, exchanges),
      maxRetryAfterMs: 2000,
    });
  const c = make(keys.good);
  try {
    const campaign = await c.createCampaign(fullCampaignBody('Contract check'));
    await c.getCampaign(campaign.id);
    await c.listCampaigns({ search: 'Contract', limit: 10 });
    for await (const _ of c.iterateCampaigns({ limit: 1 })) void _;
    await c.patchCampaign(campaign.id, { name: 'Contract check 2', daily_limit: 40 });
    const added = await c.addLeads({
      campaign_id: campaign.id,
      skip_if_in_campaign: true,
      leads: [
        {
          email: 'ada@example.com',
          first_name: 'Ada',
          custom_variables: { city: 'Lyon', score: 3, vip: true, x: null },
        },
        { email: 'bob@example.com', last_name: 'B' },
        { email: 'cy@example.com' },
        { email: 'not-an-email' },
      ],
    });
    await c.getLead(added.created_leads[0]!.id);
    await c.listLeads({ campaign: campaign.id, contacts: ['ada@example.com'], limit: 100 });
    for await (const _ of c.iterateLeads({ campaign: campaign.id, limit: 1 })) void _;
    const hook = await c.createWebhook({
      target_hook_url: `${receiver.url}/hook`,
      event_type: 'all_events',
      campaign: campaign.id,
      name: 'check',
      headers: { 'x-secret': 's' },
    });
    const failing = await c.createWebhook({
      target_hook_url: `${receiver.url}/fail`,
      event_type: 'email_sent',
      campaign: campaign.id,
    });
    await c.listWebhooks({ campaign: campaign.id, limit: 10 });
    for await (const _ of c.iterateWebhooks({ limit: 1 })) void _;
    await c.getWebhook(hook.id);
    await c.patchWebhook(hook.id, { name: 'check 2' });
    await c.testWebhook(hook.id);
    await c.resumeWebhook(hook.id);
    await c.listWebhookEventTypes();
    await c.getSendingStatus(campaign.id);
    await c.activateCampaign(campaign.id);
    await c.getSendingStatus(campaign.id, { with_ai_summary: false });
    await sim.runCampaign(campaign.id, {
      seed: 3,
      openRate: 1,
      clickRate: 0.5,
      replyRate: 0.5,
      bounceRate: 0.2,
    });
    await c.listLeads({ campaign: campaign.id, limit: 100 });
    await c.listWebhookEvents({ limit: 5, ...webhookEventDateWindow(new Date()) });
    for await (const _ of c.iterateWebhookEvents({
      success: false,
      limit: 2,
      ...webhookEventDateWindow(new Date()),
    }))
      void _;
    // GET /emails (its own 20/min budget): the played replies, oldest first, two per page.
    for await (const _ of c.iterateEmails({
      campaign_id: campaign.id,
      email_type: 'received',
      sort_order: 'asc',
      limit: 2,
    }))
      void _;
    await c.listEmails({ limit: 3 });
    await c.getCampaignAnalytics({ id: campaign.id });
    await c.getCampaignAnalytics({ ids: [campaign.id], start_date: '2020-01-01', end_date: '2030-01-01' });
    await c.getAnalyticsOverview({ id: campaign.id });
    await c.getDailyAnalytics({ campaign_id: campaign.id, start_date: '2020-01-01' });
    await c.getStepAnalytics({ campaign_id: campaign.id });
    await c.pauseCampaign(campaign.id);
    // Background jobs come from lead moves (no typed method: the export never moves leads).
    const target = await c.createCampaign(fullCampaignBody('Contract move target'));
    const job = await c.request<{ id: string }>({
      method: 'POST',
      path: '/leads/move',
      body: { campaign: campaign.id, to_campaign_id: target.id },
      idempotent: false,
    });
    await c.getBackgroundJob(job.id);
    await c.getBackgroundJob(job.id);
    // Issue 16 write-back: a lead's interest status (202, a background job) and a block list entry.
    await c.updateLeadInterestStatus({
      lead_email: 'storm@example.com',
      interest_value: 1,
      campaign_id: target.id,
    });
    await c.updateLeadInterestStatus({ lead_email: 'storm@example.com', interest_value: null });
    await c.addBlockListEntry({ bl_value: 'stop@contract.example' });
    await c.addBlockListEntry({ bl_value: 'contract-blocked.example' });
    await c.listBlockListEntries({ limit: 1 });
    await c.listBlockListEntries({ search: 'stop@contract', domains_only: false });
    // Failure paths the client handles.
    await expectFailure(
      () =>
        c.getDailyAnalytics({ campaign_id: campaign.id, start_date: '2026-02-01', end_date: '2026-01-01' }),
      problems,
    );
    await expectFailure(() => make('unknown-key').listCampaigns(), problems);
    sim.faults.add({ kind: 'status', status: 503, route: 'GET /api/v2/campaigns/:id', times: 1 });
    await c.getCampaign(campaign.id);
    sim.rateLimitStorm({ route: 'POST /api/v2/leads/add', count: 2, retryAfterSeconds: 0.05 });
    await c.addLeads({ campaign_id: campaign.id, leads: [{ email: 'storm@example.com' }] });
    await c.deleteWebhook(failing.id);
    await expectFailure(() => c.getWebhook(failing.id), problems);
    await c.deleteWebhook(hook.id);
    await c.deleteCampaign(campaign.id);
    await expectFailure(() => c.getCampaign(campaign.id), problems);
    await expectFailure(() => c.getLead('019ffad2-9c4e-7be6-8364-ed444afb02d5'), problems);
  } catch (error) {
    problems.push(`scenario stopped: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await receiver.close();
  }
  return { exchanges, problems };
}

import { createRng, intBetween } from '../core/random';
import type { CampaignRecord, LeadRecord, SimEvent } from '../types';
import type { ResolvedStoryOptions } from './options';
import { planLead, type Planned } from './plan';

const MINUTE = 60_000;

/** Sender used when the campaign has no `email_list` (the simulator does not model accounts). */
export const DEFAULT_SENDER = 'outreach@sender.simulator.example';

function toEvent(p: Planned, campaignId: string, isFirst: boolean): SimEvent {
  return {
    type: p.type,
    at: new Date(p.atMs).toISOString(),
    campaignId,
    leadId: p.lead.id,
    email: p.lead.email,
    step: p.step,
    variant: p.variant,
    emailId: p.emailId,
    isFirst,
    emailAccount: p.emailAccount,
    subject: p.subject,
    body: p.body,
    replyText: p.replyText,
    replySubject: p.replySubject,
  };
}

function completed(campaignId: string, atMs: number): SimEvent {
  return {
    type: 'campaign_completed',
    at: new Date(atMs).toISOString(),
    campaignId,
    leadId: null,
    email: null,
    step: null,
    variant: null,
    emailId: null,
    isFirst: true,
    emailAccount: null,
    subject: null,
    body: null,
    replyText: null,
    replySubject: null,
  };
}

/**
 * The whole story of a campaign in simulated-time order: leads start `email_gap` minutes apart (or 1–4 min),
 * each lead's events follow its sequence, and `campaign_completed` comes one hour after the last event.
 * `isFirst` marks the first event of its type for the lead.
 */
export function composeStory(
  campaign: CampaignRecord,
  leads: readonly LeadRecord[],
  opts: ResolvedStoryOptions,
): SimEvent[] {
  const rng = createRng(opts.seed);
  const accounts = campaign.email_list.length > 0 ? campaign.email_list : [DEFAULT_SENDER];
  const gapMs =
    typeof campaign.email_gap === 'number' && campaign.email_gap > 0
      ? campaign.email_gap * MINUTE
      : undefined;
  const planned: Planned[] = [];
  let base = opts.startMs;
  leads.forEach((lead, i) => {
    planned.push(
      ...planLead(campaign, lead, accounts[i % accounts.length] ?? DEFAULT_SENDER, opts, rng, base),
    );
    base += gapMs ?? intBetween(rng, 1, 4) * MINUTE;
  });
  planned.sort((a, b) => a.atMs - b.atMs);
  const seen = new Set<string>();
  const events = planned.map((p) => {
    const key = `${p.lead.id}:${p.type}`;
    const first = !seen.has(key);
    seen.add(key);
    return toEvent(p, campaign.id, first);
  });
  const lastMs = planned.length > 0 ? (planned[planned.length - 1]?.atMs ?? opts.startMs) : opts.startMs;
  events.push(completed(campaign.id, Math.round(lastMs) + 60 * MINUTE));
  return events;
}

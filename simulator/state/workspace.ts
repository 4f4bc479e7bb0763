import { uuidv7 } from '../core/ids';
import type {
  BackgroundJobRecord,
  CampaignRecord,
  DeliveryLogEntry,
  LeadListRecord,
  LeadRecord,
  SimEvent,
  WebhookRecord,
} from '../types';
import { Blocklist } from './blocklist';

/** Where a lead lives: a campaign or a list (a lead record belongs to exactly one, §3.6). */
export interface LeadTarget {
  campaign: string | null;
  list_id: string | null;
}

function targetKey(target: LeadTarget, email: string): string {
  return target.campaign
    ? `c:${target.campaign}:${email.toLowerCase()}`
    : `l:${target.list_id ?? ''}:${email.toLowerCase()}`;
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next <= 0) map.delete(key);
  else map.set(key, next);
}

/**
 * Everything one workspace (one API key) owns. Maps are public so tests can inspect them directly; mutate leads
 * through `addLead`/`removeLead`/`moveLead` so the de-dupe indexes stay right.
 */
export class WorkspaceState {
  /** Workspace id (`organization`, payload `workspace`). */
  readonly id = uuidv7();
  readonly campaigns = new Map<string, CampaignRecord>();
  readonly leads = new Map<string, LeadRecord>();
  readonly lists = new Map<string, LeadListRecord>();
  readonly webhooks = new Map<string, WebhookRecord>();
  /** The webhook delivery log, one entry per attempt, oldest first. */
  readonly deliveries: DeliveryLogEntry[] = [];
  readonly jobs = new Map<string, BackgroundJobRecord>();
  /** Story events per campaign id, in simulated-time order; analytics and ground truth derive from them. */
  readonly events = new Map<string, SimEvent[]>();
  readonly blocklist = new Blocklist(uuidv7(), this.id);
  /** Consecutive failed delivery attempts per webhook id (auto-disable counter). */
  readonly webhookFailures = new Map<string, number>();
  /** What a background job does when it reaches `success`. */
  readonly jobEffects = new Map<string, () => void>();
  /** Lead plan size reported through `remaining_in_plan`. */
  leadPlanLimit = 1_000_000;

  private readonly byTarget = new Map<string, string>();
  private readonly inCampaigns = new Map<string, number>();
  private readonly inLists = new Map<string, number>();

  /** @param key the API key (Bearer token) that identifies this workspace. */
  constructor(readonly key: string) {}

  /** Id of the lead with this email in that campaign/list, if any. */
  findLead(target: LeadTarget, email: string): string | undefined {
    return this.byTarget.get(targetKey(target, email));
  }

  /** True if a lead with this email exists in any campaign. */
  inAnyCampaign(email: string): boolean {
    return this.inCampaigns.has(email.toLowerCase());
  }

  /** True if a lead with this email exists in any list. */
  inAnyList(email: string): boolean {
    return this.inLists.has(email.toLowerCase());
  }

  private index(lead: LeadRecord, by: 1 | -1): void {
    if (!lead.email || (lead.campaign === null && lead.list_id === null)) return;
    const key = targetKey(lead, lead.email);
    if (by === 1) this.byTarget.set(key, lead.id);
    else if (this.byTarget.get(key) === lead.id) this.byTarget.delete(key);
    bump(lead.campaign ? this.inCampaigns : this.inLists, lead.email.toLowerCase(), by);
  }

  /** Stores a new lead and indexes it. */
  addLead(lead: LeadRecord): void {
    this.leads.set(lead.id, lead);
    this.index(lead, 1);
  }

  /** Deletes a lead. */
  removeLead(id: string): LeadRecord | undefined {
    const lead = this.leads.get(id);
    if (!lead) return undefined;
    this.index(lead, -1);
    this.leads.delete(id);
    return lead;
  }

  /** Re-targets a lead to another campaign or list. */
  moveLead(lead: LeadRecord, to: LeadTarget): void {
    this.index(lead, -1);
    lead.campaign = to.campaign;
    lead.list_id = to.list_id;
    this.index(lead, 1);
  }

  /** Leads of one campaign in creation order. */
  leadsOfCampaign(campaignId: string): LeadRecord[] {
    return [...this.leads.values()]
      .filter((l) => l.campaign === campaignId)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** The story events of one campaign (created on first use). */
  eventsOf(campaignId: string): SimEvent[] {
    let list = this.events.get(campaignId);
    if (!list) {
      list = [];
      this.events.set(campaignId, list);
    }
    return list;
  }
}

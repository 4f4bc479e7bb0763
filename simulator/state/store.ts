import type { CampaignRecord } from '../types';
import { campaignAnalytics } from './analytics';
import type { Blocklist } from './blocklist';
import { computeGroundTruth, type GroundTruth } from './ground-truth';
import { leadView } from './lead-view';
import { WorkspaceState } from './workspace';

/**
 * The simulator's whole state: one `WorkspaceState` per API key. With `apiKeys` configured only those keys are
 * valid (others get 401); without, any Bearer token opens (and creates) its own workspace.
 */
export class SimState {
  private readonly byKey = new Map<string, WorkspaceState>();

  constructor(private readonly apiKeys?: readonly string[]) {
    this.reset();
  }

  /** Drops every workspace (and re-creates the configured ones, with new ids). */
  reset(): void {
    this.byKey.clear();
    for (const key of this.apiKeys ?? []) this.byKey.set(key, new WorkspaceState(key));
  }

  /** The workspace for a request's key, or undefined when the key is not accepted. */
  authorize(key: string): WorkspaceState | undefined {
    if (this.apiKeys && !this.apiKeys.includes(key)) return undefined;
    return this.workspace(key);
  }

  /** A workspace by API key or workspace id; an unknown key creates it (handy for tests that seed state). */
  workspace(keyOrId: string): WorkspaceState {
    const found = this.byKey.get(keyOrId) ?? this.workspaces().find((w) => w.id === keyOrId);
    if (found) return found;
    const created = new WorkspaceState(keyOrId);
    this.byKey.set(keyOrId, created);
    return created;
  }

  /** Every workspace. */
  workspaces(): WorkspaceState[] {
    return [...this.byKey.values()];
  }

  /** A campaign and its workspace, searched across workspaces. */
  findCampaign(campaignId: string): { ws: WorkspaceState; campaign: CampaignRecord } | undefined {
    for (const ws of this.byKey.values()) {
      const campaign = ws.campaigns.get(campaignId);
      if (campaign) return { ws, campaign };
    }
    return undefined;
  }

  /** The campaign, or throws a plain Error naming it. */
  requireCampaign(campaignId: string): { ws: WorkspaceState; campaign: CampaignRecord } {
    const found = this.findCampaign(campaignId);
    if (!found) throw new Error(`simulator: unknown campaign ${campaignId}`);
    return found;
  }

  /** The workspace blocklist (by key or workspace id): `state.blocklist(key).add('x@y.com')`. */
  blocklist(workspace: string): Blocklist {
    return this.workspace(workspace).blocklist;
  }

  /** What really happened in a campaign's story: per lead email and totals. */
  groundTruth(campaignId: string): GroundTruth {
    const { ws } = this.requireCampaign(campaignId);
    return computeGroundTruth(campaignId, ws.eventsOf(campaignId));
  }

  /** The `GET /campaigns/analytics` object for one campaign (regardless of whether it has sent). */
  analytics(campaignId: string): Record<string, unknown> {
    const { ws, campaign } = this.requireCampaign(campaignId);
    const leads = ws.leadsOfCampaign(campaignId);
    const completed = leads.filter((l) => l.status === 3).length;
    return campaignAnalytics(campaign, ws.eventsOf(campaignId), leads.length, completed);
  }

  /** A JSON-able copy of everything (served by `GET /_sim/state`). */
  snapshot(): Record<string, unknown> {
    return {
      workspaces: this.workspaces().map((ws) => ({
        key: ws.key,
        id: ws.id,
        campaigns: [...ws.campaigns.values()],
        leads: [...ws.leads.values()].map(leadView),
        lists: [...ws.lists.values()],
        webhooks: [...ws.webhooks.values()],
        deliveries: ws.deliveries,
        jobs: [...ws.jobs.values()],
        blocklist: ws.blocklist.list(),
        analytics: Object.fromEntries([...ws.campaigns.keys()].map((id) => [id, this.analytics(id)])),
      })),
    };
  }
}

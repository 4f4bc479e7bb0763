import { sleep } from '../http/io';
import type { GroundTruth } from '../state/ground-truth';
import type { SimState } from '../state/store';
import type { WorkspaceState } from '../state/workspace';
import type { CampaignRecord, SimEvent, WebhookPayload } from '../types';
import type { DeliverOptions, DeliveryBatch, DeliverySummary } from '../webhooks/dispatcher';
import { applyEvent } from './apply';
import { composeStory } from './compose';
import { resolveStoryOptions, type ResolvedStoryOptions, type StoryOptions } from './options';
import { buildPayload } from './payload';

/** A story cannot run (campaign not active, already running). The HTTP control answers it with 409. */
export class StoryConflictError extends Error {}

interface Prepared {
  ws: WorkspaceState;
  campaign: CampaignRecord;
  events: SimEvent[];
  opts: ResolvedStoryOptions;
}

/** Opens a delivery batch for a workspace. */
export type BatchFactory = (ws: WorkspaceState, opts: DeliverOptions) => DeliveryBatch;

/** Runs engagement stories: `run` (events + deliveries), `generate` (events only), `deliver` (payloads only). */
export class StoryRunner {
  private readonly running = new Set<string>();

  constructor(
    private readonly state: SimState,
    private readonly openBatch: BatchFactory,
  ) {}

  private prepare(campaignId: string, input: StoryOptions | undefined): Prepared {
    const { ws, campaign } = this.state.requireCampaign(campaignId);
    if (campaign.status !== 1) {
      throw new StoryConflictError(
        `campaign ${campaignId} is not active (status ${campaign.status}); activate it first`,
      );
    }
    if (this.running.has(campaignId))
      throw new StoryConflictError(`campaign ${campaignId} is already running`);
    const opts = resolveStoryOptions(input);
    const contacted = new Set(ws.eventsOf(campaignId).map((e) => e.leadId));
    const leads = ws.leadsOfCampaign(campaignId).filter((l) => l.status === 1 && !contacted.has(l.id));
    return { ws, campaign, events: composeStory(campaign, leads, opts), opts };
  }

  /** Applies the whole story to state at once and returns the payloads in order, delivering nothing. */
  async generate(campaignId: string, input?: StoryOptions): Promise<WebhookPayload[]> {
    const { ws, campaign, events } = this.prepare(campaignId, input);
    return events.map((e) => {
      applyEvent(ws, campaign, e);
      return buildPayload(ws, campaign, e);
    });
  }

  /** Plays the story: each event changes state, then its deliveries are queued; resolves after every attempt. */
  async run(campaignId: string, input?: StoryOptions): Promise<GroundTruth> {
    const { ws, campaign, events, opts } = this.prepare(campaignId, input);
    this.running.add(campaignId);
    try {
      const batch = this.openBatch(ws, { concurrency: opts.concurrency });
      for (const [i, e] of events.entries()) {
        if (i > 0 && opts.intervalMs > 0) await sleep(opts.intervalMs);
        applyEvent(ws, campaign, e);
        batch.push(buildPayload(ws, campaign, e));
      }
      await batch.finish();
      return this.state.groundTruth(campaignId);
    } finally {
      this.running.delete(campaignId);
    }
  }

  private workspaceOf(payload: WebhookPayload): WorkspaceState {
    const found = this.state.findCampaign(payload.campaign_id);
    if (found) return found.ws;
    const ws = this.state.workspaces().find((w) => w.id === payload.workspace);
    if (!ws) throw new Error(`simulator: no workspace for payload of campaign ${payload.campaign_id}`);
    return ws;
  }

  /** POSTs given payloads to the subscribed webhooks of their workspace (grouped per workspace). */
  async deliver(payloads: readonly WebhookPayload[], opts: DeliverOptions = {}): Promise<DeliverySummary> {
    const batches = new Map<WorkspaceState, DeliveryBatch>();
    for (const payload of payloads) {
      const ws = this.workspaceOf(payload);
      let batch = batches.get(ws);
      if (!batch) {
        batch = this.openBatch(ws, opts);
        batches.set(ws, batch);
      }
      batch.push(payload);
    }
    const results = await Promise.all([...batches.values()].map((b) => b.finish()));
    const total: DeliverySummary = { jobs: 0, delivered: 0, failed: 0, notDelivered: 0, duplicates: 0 };
    for (const r of results)
      for (const k of Object.keys(total) as Array<keyof DeliverySummary>) total[k] += r[k];
    return total;
  }
}

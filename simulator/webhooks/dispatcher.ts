import { chance, createRng, shuffleRange, type Rng } from '../core/random';
import type { WorkspaceState } from '../state/workspace';
import type { WebhookPayload } from '../types';
import { runDelivery, type DeliveryConfig, type DeliveryJob, type JobOutcome } from './attempts';
import type { WebhookFaults } from './faults';
import { subscribes } from './matching';

/** Per-call delivery options (`deliver(payloads, opts)`); they add to the global webhook faults. */
export interface DeliverOptions {
  /** true = shuffle the whole list; a number = shuffle within windows of that size. */
  shuffle?: boolean | number;
  /** true = POST every delivery twice; a number = probability of a duplicate. */
  duplicates?: boolean | number;
  seed?: number;
  /** Parallel deliveries (default: the simulator's `webhookConcurrency`). */
  concurrency?: number;
}

/** Counts of what a batch did (jobs = one payload to one webhook, duplicates included). */
export interface DeliverySummary {
  jobs: number;
  delivered: number;
  failed: number;
  notDelivered: number;
  duplicates: number;
}

/**
 * One batch of deliveries: `push` payloads as events happen, then `finish()` resolves once every attempt
 * (retries included) has ended. Deliveries run with bounded concurrency; reordering holds a window of jobs and
 * releases it shuffled; duplicates are queued next to their original (and may be shuffled apart).
 */
export class DeliveryBatch {
  private readonly queue: DeliveryJob[] = [];
  private readonly buffer: DeliveryJob[] = [];
  private readonly rng: Rng;
  private readonly window: number;
  private readonly dupChance: number;
  private active = 0;
  private idle: Array<() => void> = [];
  readonly summary: DeliverySummary = { jobs: 0, delivered: 0, failed: 0, notDelivered: 0, duplicates: 0 };

  constructor(
    private readonly ws: WorkspaceState,
    private readonly cfg: DeliveryConfig & { concurrency: number },
    private readonly faults: WebhookFaults,
    private readonly signal: AbortSignal,
    opts: DeliverOptions = {},
  ) {
    const global = faults.get();
    this.rng = opts.seed === undefined ? faults.rng() : createRng(opts.seed);
    this.window =
      opts.shuffle === true
        ? Infinity
        : typeof opts.shuffle === 'number'
          ? opts.shuffle
          : global.reorderWindow;
    this.dupChance =
      opts.duplicates === true
        ? 1
        : typeof opts.duplicates === 'number'
          ? opts.duplicates
          : global.duplicateProbability;
    this.cfg = { ...cfg, concurrency: Math.max(1, opts.concurrency ?? cfg.concurrency) };
  }

  /** Queues a payload for every webhook of the workspace that subscribes to it. */
  push(payload: WebhookPayload): void {
    for (const hook of this.ws.webhooks.values()) {
      if (!subscribes(hook, payload.event_type, payload.campaign_id)) continue;
      const job: DeliveryJob = { ws: this.ws, webhookId: hook.id, payload };
      this.buffer.push(job);
      if (chance(this.rng, this.dupChance)) {
        this.buffer.push({ ...job });
        this.summary.duplicates += 1;
      }
    }
    if (this.window <= 1) this.release();
    else if (this.buffer.length >= this.window) this.release();
  }

  private release(): void {
    if (this.window > 1) shuffleRange(this.rng, this.buffer);
    this.summary.jobs += this.buffer.length;
    this.queue.push(...this.buffer.splice(0));
    this.pump();
  }

  private pump(): void {
    while (this.active < this.cfg.concurrency && this.queue.length > 0 && !this.signal.aborted) {
      const job = this.queue.shift() as DeliveryJob;
      this.active += 1;
      void runDelivery(job, this.cfg, this.faults, this.signal)
        .catch((): JobOutcome => 'failed')
        .then((outcome) => this.done(outcome));
    }
    if (this.active === 0 && (this.queue.length === 0 || this.signal.aborted))
      this.idle.splice(0).forEach((r) => r());
  }

  private done(outcome: JobOutcome): void {
    this.active -= 1;
    if (outcome === 'delivered') this.summary.delivered += 1;
    else if (outcome === 'failed') this.summary.failed += 1;
    else this.summary.notDelivered += 1;
    this.pump();
  }

  /** Releases what is buffered and resolves when every delivery attempt has ended. */
  async finish(): Promise<DeliverySummary> {
    if (this.buffer.length > 0) this.release();
    await new Promise<void>((resolve) => {
      this.idle.push(resolve);
      this.pump();
    });
    return { ...this.summary };
  }
}

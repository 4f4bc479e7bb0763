import { z } from 'zod';

const rate = z.number().min(0).max(1).optional();

/** Options of `runCampaign`/`generateStory` and of `POST /_sim/campaigns/:id/run`. */
export const storyOptionsSchema = z.strictObject({
  /** Same seed (and same leads/startAt) → same story. Default 1. */
  seed: z.number().int().optional(),
  /** P(a sent email is opened). */
  openRate: rate,
  /** P(a link is clicked | the email was opened). */
  clickRate: rate,
  /** P(a lead sends a human reply at some step). */
  replyRate: rate,
  /** P(the first email bounces). */
  bounceRate: rate,
  /** P(a non-replying lead unsubscribes at some step). */
  unsubscribeRate: rate,
  /** P(an automatic reply, e.g. out of office, after the first email). */
  autoReplyRate: rate,
  /** Delivery pacing: events per second (0/absent = as fast as possible). */
  eventsPerSecond: z.number().min(0).optional(),
  /** Delivery pacing: pause between events in ms (wins over eventsPerSecond). */
  intervalMs: z.number().min(0).optional(),
  /** Simulated clock start (ISO string, epoch ms or Date); default now. */
  startAt: z.union([z.string(), z.number(), z.date()]).optional(),
  /** Parallel deliveries (default: the simulator's `webhookConcurrency`). */
  concurrency: z.number().int().min(1).optional(),
  /** HTTP control only: false answers 202 at once instead of waiting for the run. */
  wait: z.boolean().optional(),
});

/** Story options (all optional). */
export type StoryOptions = z.input<typeof storyOptionsSchema>;

/** Options with defaults applied. */
export interface ResolvedStoryOptions {
  seed: number;
  rates: {
    open: number;
    click: number;
    reply: number;
    bounce: number;
    unsubscribe: number;
    autoReply: number;
  };
  startMs: number;
  intervalMs: number;
  concurrency: number | undefined;
}

function startMs(value: string | number | Date | undefined): number {
  if (value === undefined) return Date.now();
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`simulator: invalid startAt ${String(value)}`);
  return ms;
}

/** Validates and fills defaults (open 0.6, click 0.25, reply 0.15, bounce 0.03, unsubscribe 0.02, auto-reply 0.05). */
export function resolveStoryOptions(input: StoryOptions = {}): ResolvedStoryOptions {
  const o = storyOptionsSchema.parse(input);
  const interval = o.intervalMs ?? (o.eventsPerSecond ? 1000 / o.eventsPerSecond : 0);
  return {
    seed: o.seed ?? 1,
    rates: {
      open: o.openRate ?? 0.6,
      click: o.clickRate ?? 0.25,
      reply: o.replyRate ?? 0.15,
      bounce: o.bounceRate ?? 0.03,
      unsubscribe: o.unsubscribeRate ?? 0.02,
      autoReply: o.autoReplyRate ?? 0.05,
    },
    startMs: startMs(o.startAt),
    intervalMs: interval,
    concurrency: o.concurrency,
  };
}

import { stepAnalytics } from '../../simulator/state/analytics-breakdown';
import type { WebhookPayload } from '../../simulator';
import { engagementSnapshot, expectedSnapshot, unappliedCount } from './engagement-snapshot';
import type { EngagementStack } from './engagement-stack';
import type { SeededExport } from './seed-export';

/**
 * Delivers payloads as a continuous stream: chunks (shuffled within, with duplicates) one after another with a
 * short pause, so events keep arriving for the whole play. Resolves when the last chunk was delivered.
 */
export async function stream(
  stack: EngagementStack,
  payloads: readonly WebhookPayload[],
  opts: { chunk: number; pauseMs: number; seed: number },
): Promise<void> {
  for (let i = 0; i < payloads.length; i += opts.chunk) {
    const summary = await stack.sim.deliver(payloads.slice(i, i + opts.chunk), {
      shuffle: true,
      duplicates: 0.2,
      seed: opts.seed + i,
      concurrency: 8,
    });
    // An attempt may fail under load (the intake answers 503 when the hand-off is slow); Instantly retries it.
    expect(summary.notDelivered).toBe(0);
    await new Promise((r) => setTimeout(r, opts.pauseMs));
  }
}

/**
 * The whole truth after a play in which every event was delivered: per-lead columns and counters equal the
 * simulator's ground truth, every real event is stored once, no stand-in is left standing for a delivered event,
 * the step figures equal the simulator's own step analytics and the inbox holds one row per reply.
 */
export async function expectExactTruth(
  stack: EngagementStack,
  seeded: SeededExport,
  payloads: readonly WebhookPayload[],
): Promise<{ standIns: number }> {
  const truth = stack.sim.state.groundTruth(seeded.instantlyCampaignId);
  const emails = seeded.businesses.map((b) => b.email);
  expect(await engagementSnapshot(stack.prisma, seeded.exportId)).toEqual(expectedSnapshot(truth, emails));
  expect(await unappliedCount(stack.prisma, seeded.exportId)).toBe(0);
  const where = { exportId: seeded.exportId };
  expect(await stack.prisma.instantlyEvent.count({ where: { ...where, source: { not: 'poll' } } })).toBe(
    payloads.length,
  );
  expect(
    await stack.prisma.instantlyEvent.count({ where: { ...where, source: 'poll', supersededBy: null } }),
  ).toBe(0);
  const standIns = await stack.prisma.instantlyEvent.count({ where: { ...where, source: 'poll' } });

  // Step figures: ours are 1-based (webhook payloads), the simulator's step analytics 0-based.
  const analytics = await stack.request('GET', `/api/campaigns/${seeded.campaignId}/analytics`);
  expect(analytics.status).toBe(200);
  const { ws } = stack.sim.state.findCampaign(seeded.instantlyCampaignId)!;
  const simSteps = stepAnalytics(ws.eventsOf(seeded.instantlyCampaignId), false).map((r) => ({
    step: Number(r.step) + 1,
    variant: Number(r.variant) + 1,
    sent: r.sent,
    opened: r.opened,
    clicked: r.clicks,
    replied: r.replies,
  }));
  type StepRow = { step: number; variant: number; fromEvents: Record<string, number> } & Record<
    string,
    number
  >;
  const steps = analytics.body.steps as StepRow[];
  // Our events alone count what Instantly counts, and the figures shown (merged with Instantly's) agree.
  expect(steps.map((s) => ({ step: s.step, variant: s.variant, ...s.fromEvents }))).toEqual(simSteps);
  expect(
    steps.map(({ step, variant, sent, opened, clicked, replied }) => ({
      step,
      variant,
      sent,
      opened,
      clicked,
      replied,
    })),
  ).toEqual(simSteps);

  // The inbox: one row per reply received, none without its text.
  const replies = await stack.request('GET', `/api/campaigns/${seeded.campaignId}/replies?limit=500`);
  expect(replies.status).toBe(200);
  expect(replies.body.items).toHaveLength(truth.totals.events.reply_received ?? 0);
  expect(replies.body.items.filter((r: { replyText: unknown }) => r.replyText === null)).toEqual([]);
  // The event log: each real event once, no stand-in.
  const logged = await countLogged(stack, seeded.campaignId);
  expect(logged).toBe(payloads.length);
  return { standIns };
}

async function countLogged(stack: EngagementStack, campaignId: string): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { items: unknown[]; nextCursor: string | null } } =
      await stack.request(
        'GET',
        `/api/campaigns/${campaignId}/events?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
      );
    expect(page.status).toBe(200);
    n += page.body.items.length;
    cursor = page.body.nextCursor;
  } while (cursor);
  return n;
}

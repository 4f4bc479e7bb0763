import {
  engagementSnapshot,
  expectedSnapshot,
  type EngagementSnapshot,
} from '../helpers/engagement-snapshot';
import { settled, startEngagementStack, type EngagementStack } from '../helpers/engagement-stack';
import { seedExport } from '../helpers/seed-export';

// The same 10,000-event stream, delivered three times over real HTTP in three different shuffled orders with
// duplicates, must leave exactly the same database: applying is idempotent and order-independent.
describe('engagement: order and duplicates do not matter', () => {
  let stack: EngagementStack;

  beforeAll(async () => {
    // This test is about duplicates and order, not delivery failures: on a loaded CI machine an intake answer
    // can be slow or a 503 (Temporal busy), so the simulator retries patiently, like Instantly does.
    stack = await startEngagementStack({
      name: 'engagement-replay',
      sim: {
        webhookConcurrency: 16,
        webhookRetries: 8,
        webhookRetryDelayMs: 250,
        webhookTimeoutMs: 30_000,
        autoDisableAfterFailures: 10_000,
      },
    });
    expect((await stack.request('POST', '/api/instantly/webhooks')).status).toBe(201);
  });
  afterAll(() => stack?.stop());

  /** Forgets everything engagement wrote for the export (events, business columns, counters). */
  async function wipe(exportId: string): Promise<void> {
    await stack.prisma.$transaction([
      stack.prisma.instantlyEvent.deleteMany({ where: { exportId } }),
      // the counters' lead touches (issue 15) are part of the counter state reset below
      stack.prisma.instantlyLeadTouch.deleteMany({ where: { exportId } }),
      stack.prisma.business.updateMany({
        where: { ledger: { some: { exportId } } },
        data: {
          instantlySentAt: null,
          instantlyOpenedAt: null,
          instantlyClickedAt: null,
          instantlyRepliedAt: null,
          instantlyReplyText: null,
          instantlyReplySubject: null,
          instantlyBouncedAt: null,
          instantlyUnsubscribedAt: null,
          instantlyEngagementScore: 0,
        },
      }),
      stack.prisma.instantlyExport.update({
        where: { id: exportId },
        data: {
          emailsSentCount: 0,
          contactedCount: 0,
          openedCount: 0,
          clickedCount: 0,
          repliedCount: 0,
          autoRepliedCount: 0,
          bouncedCount: 0,
          unsubscribedCount: 0,
          lastDrift: undefined,
        },
      }),
    ]);
  }

  it('(b) three shuffled deliveries with duplicates give an identical final state, equal to the ground truth', async () => {
    const seeded = await seedExport(stack.prisma, stack.instantly, { leads: 1560 });
    const payloads = await stack.sim.generateStory(seeded.instantlyCampaignId, { seed: 3 });
    expect(payloads.length).toBeGreaterThanOrEqual(10_000);
    const snapshots: EngagementSnapshot[] = [];
    for (const round of [1, 2, 3]) {
      if (round > 1) await wipe(seeded.exportId);
      const t0 = Date.now();
      const summary = await stack.sim.deliver(payloads, {
        shuffle: true,
        duplicates: 0.25,
        seed: round * 101,
        concurrency: 16,
      });
      expect(summary).toMatchObject({ failed: 0, notDelivered: 0 });
      expect(summary.duplicates).toBeGreaterThan(payloads.length / 5);
      await settled(stack, seeded, 180_000);
      snapshots.push(await engagementSnapshot(stack.prisma, seeded.exportId));
      const stored = await stack.prisma.instantlyEvent.count({
        where: { exportId: seeded.exportId, source: { not: 'poll' } },
      });
      expect(stored).toBe(payloads.length);
      console.log(
        `(b) round ${round}: ${summary.jobs} deliveries (${summary.duplicates} duplicates) applied in ${Date.now() - t0} ms`,
      );
    }
    const truth = stack.sim.state.groundTruth(seeded.instantlyCampaignId);
    expect(snapshots[0]).toEqual(
      expectedSnapshot(
        truth,
        seeded.businesses.map((b) => b.email),
      ),
    );
    expect(snapshots[1]).toEqual(snapshots[0]);
    expect(snapshots[2]).toEqual(snapshots[0]);
  }, 900_000);
});

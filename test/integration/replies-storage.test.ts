import { randomUUID } from 'node:crypto';
import { createReplyActivities } from '../../activities/replies';
import { CLASSIFIER_VERSION } from '../../lib/replies';
import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import { seedExportRow } from '../helpers/seed-event';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { seedCampaign } from '../helpers/seed';

// Issue 16 item 4 on real PostgreSQL: labels per reply event, the business's latest label and interest, the
// history of both our and Instantly's signals, the newer signal winning, and exactly-once labelling.
describe('classifyReplies (real PostgreSQL)', () => {
  let db: TestDatabase;
  let acts: ReturnType<typeof createReplyActivities>;
  beforeAll(async () => {
    db = await createTestDatabase();
    acts = createReplyActivities({ prisma: db.prisma });
  });
  afterAll(async () => db.drop());

  async function seed(n: number) {
    const { campaignId, organizationId } = await seedCampaign(db.prisma, {
      businesses: Array.from({ length: n }, (_, i) => ({
        name: `Shop ${i}`,
        email: `owner${i}@shop${randomUUID().slice(0, 6)}.example`,
      })),
    });
    const exportId = await seedExportRow(db.prisma, { organizationId, campaignId });
    const businesses = await db.prisma.business.findMany({ where: { campaignId }, orderBy: { name: 'asc' } });
    let t = Date.UTC(2025, 2, 5, 9);
    const event = async (businessId: string, eventType: string, payload: object, applied = true) =>
      db.prisma.instantlyEvent.create({
        data: {
          dedupeKey: `r-${randomUUID()}`,
          organizationId,
          exportId,
          businessId,
          eventType,
          occurredAt: new Date((t += 60_000)),
          payload,
          appliedAt: applied ? new Date() : null,
        },
      });
    return { exportId, businesses, event };
  }

  it('labels each reply once, stores version, confidence and return date, and sets the business state', async () => {
    const { exportId, businesses, event } = await seed(3);
    const [a, b, c] = businesses.map((x) => x.id) as [string, string, string];
    const yes = await event(a, 'reply_received', {
      reply_text: 'Yes, call me tomorrow.\n\nOn Mon, Sam wrote:\n> stop',
    });
    const ooo = await event(b, 'auto_reply_received', {
      reply_text: 'I am out of the office until March 10.',
    });
    const q = await event(c, 'reply_received', { reply_text: 'How much does it cost?' });
    const textless = await event(c, 'reply_received', {});
    const unapplied = await event(c, 'reply_received', { reply_text: 'unsubscribe' }, false);

    const first = await acts.classifyReplies({ exportId });
    expect(first).toEqual({ classified: 3, instantlySignals: 0, more: false });
    const rows = await db.prisma.instantlyEvent.findMany({
      where: { id: { in: [yes.id, ooo.id, q.id, textless.id, unapplied.id] } },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((r) => r.replyLabel)).toEqual(['interested', 'out_of_office', 'question', null, null]);
    expect(rows[0]?.replyClassifierVersion).toBe(CLASSIFIER_VERSION);
    expect(rows[0]?.replyConfidence).toBeGreaterThan(0.3);
    expect(rows[1]?.replyReturnDate?.toISOString().slice(0, 10)).toBe('2025-03-10');

    const biz = await db.prisma.business.findMany({ where: { id: { in: [a, b, c] } } });
    const byId = new Map(biz.map((x) => [x.id, x]));
    expect(byId.get(a)).toMatchObject({
      replyLabel: 'interested',
      interestStatus: 'interested',
      interestSource: 'classifier',
    });
    expect(byId.get(b)?.oooReturnDate?.toISOString().slice(0, 10)).toBe('2025-03-10');
    // a question labels the reply but says nothing about interest
    expect(byId.get(c)).toMatchObject({ replyLabel: 'question', interestStatus: null });

    // a retry (or a replayed activity) changes nothing and adds no history
    expect(await acts.classifyReplies({ exportId })).toEqual({
      classified: 0,
      instantlySignals: 0,
      more: false,
    });
    expect(await db.prisma.businessInterestHistory.count({ where: { businessId: { in: [a, b, c] } } })).toBe(
      3,
    );
  });

  it("Instantly's interest events and our labels share one state: the newer signal wins, history keeps both", async () => {
    const { exportId, businesses, event } = await seed(2);
    const [a, b] = businesses.map((x) => x.id) as [string, string];
    await event(a, 'reply_received', { reply_text: 'Sounds good, call me.' });
    await event(a, 'lead_not_interested', {}); // Instantly's later verdict
    await event(b, 'lead_interested', {});
    await event(b, 'reply_received', { reply_text: 'Actually no thanks, we are all set.' }); // our later label

    expect(await acts.classifyReplies({ exportId })).toMatchObject({ classified: 2, instantlySignals: 2 });
    const a1 = await db.prisma.business.findUniqueOrThrow({ where: { id: a } });
    const b1 = await db.prisma.business.findUniqueOrThrow({ where: { id: b } });
    expect(a1).toMatchObject({
      replyLabel: 'interested',
      interestStatus: 'not_interested',
      interestSource: 'instantly',
    });
    expect(b1).toMatchObject({
      replyLabel: 'not_interested',
      interestStatus: 'not_interested',
      interestSource: 'classifier',
    });
    const history = await db.prisma.businessInterestHistory.findMany({
      where: { businessId: a },
      orderBy: { occurredAt: 'asc' },
    });
    expect(history.map((h) => [h.source, h.status])).toEqual([
      ['classifier', 'interested'],
      ['instantly', 'not_interested'],
    ]);

    // a late-arriving OLDER signal is recorded but does not overturn the newer one
    await db.prisma.instantlyEvent.create({
      data: {
        dedupeKey: `late-${randomUUID()}`,
        organizationId: DEFAULT_ORGANIZATION_ID,
        exportId,
        businessId: a,
        eventType: 'lead_meeting_booked',
        occurredAt: new Date(Date.UTC(2025, 0, 1)),
        payload: {},
        appliedAt: new Date(),
      },
    });
    expect(await acts.classifyReplies({ exportId })).toMatchObject({ classified: 0, instantlySignals: 1 });
    const a2 = await db.prisma.business.findUniqueOrThrow({ where: { id: a } });
    expect(a2.interestStatus).toBe('not_interested');
    expect(await db.prisma.businessInterestHistory.count({ where: { businessId: a } })).toBe(3);
  });

  it('two overlapping calls label every reply exactly once', async () => {
    const { exportId, businesses, event } = await seed(1);
    const id = businesses[0]!.id;
    for (let i = 0; i < 30; i++)
      await event(id, 'reply_received', { reply_text: i % 2 ? 'No thanks' : 'Call me' });
    const [x, y] = await Promise.all([
      acts.classifyReplies({ exportId }),
      acts.classifyReplies({ exportId }),
    ]);
    expect(x.classified + y.classified).toBe(30);
    expect(await db.prisma.businessInterestHistory.count({ where: { businessId: id } })).toBe(30);
    const last = await db.prisma.business.findUniqueOrThrow({ where: { id } });
    expect(last.replyLabel).toBe('not_interested'); // the 30th reply (i = 29) is the newest
  });

  it("a labelled stand-in that a real event supersedes leaves the history; the real reply's label counts", async () => {
    const { exportId, businesses, event } = await seed(1);
    const id = businesses[0]!.id;
    const standIn = await event(id, 'reply_received', { reply_text: 'Not interested.' });
    expect(await acts.classifyReplies({ exportId })).toMatchObject({ classified: 1 });
    const real = await event(id, 'reply_received', { reply_text: 'Yes please, call me.' });
    await db.prisma.instantlyEvent.update({ where: { id: standIn.id }, data: { supersededBy: real.id } });
    expect(await acts.classifyReplies({ exportId })).toMatchObject({ classified: 1 });
    const history = await db.prisma.businessInterestHistory.findMany({ where: { businessId: id } });
    expect(history.map((h) => [String(h.eventId), h.status])).toEqual([[String(real.id), 'interested']]);
    expect(await db.prisma.business.findUniqueOrThrow({ where: { id } })).toMatchObject({
      replyLabel: 'interested',
      interestStatus: 'interested',
    });
  });
});

import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createReplyActivities } from '../../activities/replies';
import { createApp } from '../../api/app';
import { loadEnv } from '../../lib/env';
import { createLogger } from '../../lib/logger';
import { seedExportRow } from '../helpers/seed-event';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { seedCampaign } from '../helpers/seed';

const TOKEN = 'replies-inbox-token-0123456789';

// Issue 16: the reply inbox filters by label and lists interested first; analytics count replies by label.
describe('labelled reply inbox and label counts (real PostgreSQL)', () => {
  let db: TestDatabase;
  let campaignId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    const texts = [
      'No thanks.',
      'Call me tomorrow!',
      'How much is it?',
      'Yes, interested.',
      'Remove me.',
      'Send info, keen to chat',
    ];
    const seeded = await seedCampaign(db.prisma, {
      businesses: texts.map((_, i) => ({ name: `Shop ${i}`, email: `o${i}@inbox.example` })),
    });
    campaignId = seeded.campaignId;
    const exportId = await seedExportRow(db.prisma, { organizationId: seeded.organizationId, campaignId });
    const businesses = await db.prisma.business.findMany({ where: { campaignId }, orderBy: { name: 'asc' } });
    for (const [i, text] of texts.entries()) {
      await db.prisma.instantlyEvent.create({
        data: {
          dedupeKey: `i-${randomUUID()}`,
          organizationId: seeded.organizationId,
          exportId,
          businessId: businesses[i]!.id,
          eventType: 'reply_received',
          occurredAt: new Date(Date.UTC(2025, 2, 1, 9, i)),
          payload: { reply_text: text },
          appliedAt: new Date(),
          leadEmail: businesses[i]!.email,
        },
      });
    }
    await createReplyActivities({ prisma: db.prisma }).classifyReplies({ exportId });
  });
  afterAll(async () => db.drop());

  const app = () =>
    createApp({
      env: loadEnv({ NODE_ENV: 'test', API_TOKEN: TOKEN }),
      logger: createLogger({ level: 'silent' }),
      prisma: db.prisma,
      temporal: {} as never,
      instantly: {} as never,
    });
  const get = (path: string) => request(app()).get(`/api${path}`).set('authorization', `Bearer ${TOKEN}`);

  it('lists interested first, then newest first, and pages with an opaque cursor', async () => {
    const all = await get(`/campaigns/${campaignId}/replies/labelled`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((r: { label: string }) => r.label)).toEqual([
      'interested',
      'interested',
      'interested',
      'unsubscribe',
      'question',
      'not_interested',
    ]);
    const page1 = await get(`/campaigns/${campaignId}/replies/labelled?limit=2`);
    const page2 = await get(
      `/campaigns/${campaignId}/replies/labelled?limit=2&cursor=${page1.body.nextCursor}`,
    );
    const page3 = await get(
      `/campaigns/${campaignId}/replies/labelled?limit=2&cursor=${page2.body.nextCursor}`,
    );
    const ids = [...page1.body.items, ...page2.body.items, ...page3.body.items].map(
      (r: { id: string }) => r.id,
    );
    expect(ids).toEqual(all.body.items.map((r: { id: string }) => r.id));
  });

  it('filters by one or more labels', async () => {
    const res = await get(`/campaigns/${campaignId}/replies/labelled?label=question,unsubscribe`);
    expect(res.body.items.map((r: { label: string }) => r.label)).toEqual(['unsubscribe', 'question']);
    expect(res.body.items[0]).toMatchObject({
      replyText: 'Remove me.',
      auto: false,
      classifierVersion: expect.any(String),
    });
  });

  it('counts replies per label, every label present', async () => {
    const res = await get(`/campaigns/${campaignId}/replies/labels`);
    expect(res.body.labels).toEqual([
      { label: 'interested', replies: 3 },
      { label: 'not_interested', replies: 1 },
      { label: 'unsubscribe', replies: 1 },
      { label: 'out_of_office', replies: 0 },
      { label: 'wrong_person', replies: 0 },
      { label: 'question', replies: 1 },
      { label: 'auto_other', replies: 0 },
    ]);
  });

  it.each([
    ['unknown label', '?label=spam', 'query.label'],
    ['prototype name as label', '?label=__proto__', 'query.label'],
    ['forged cursor', '?cursor=2.5', 'query.cursor'],
    ['cursor past bigint', '?cursor=1.9223372036854775808', 'query.cursor'],
  ])('400 for %s', async (_name, qs, path) => {
    const res = await get(`/campaigns/${campaignId}/replies/labelled${qs}`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(path);
  });

  it('404 for a campaign that is not the caller organization’s', async () => {
    expect((await get(`/campaigns/${randomUUID()}/replies/labelled`)).status).toBe(404);
    expect((await get(`/campaigns/${randomUUID()}/replies/labels`)).status).toBe(404);
  });
});

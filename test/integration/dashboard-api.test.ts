import { randomUUID } from 'node:crypto';
import { startTestStack, type TestStack } from '../helpers/stack';
import { seedCampaign } from '../helpers/seed';

// The API the dashboard needs that did not exist: GET /api/campaigns (list, paged, scoped to the caller's
// organization), POST /api/campaigns/:id/export-preview and GET /api/campaigns/:id/analytics/daily.
describe('dashboard API', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ name: 'dashboard-api', worker: false });
  });
  afterAll(() => stack?.stop());

  const seedExport = async (campaignId: string, organizationId: string, createdAt: Date) => {
    const id = randomUUID();
    await stack.db.prisma.instantlyExport.create({
      data: {
        ...{ id, organizationId, campaignId, instantlyCampaignId: randomUUID(), instantlyName: 'x' },
        ...{ nameTag: id, workflowId: `export/${id}`, request: {}, requestHash: id, status: 'completed' },
        createdAt,
      },
    });
    return id;
  };

  it('GET /api/campaigns lists the organization’s campaigns newest first, with counts, last export, paging and a name filter', async () => {
    const other = randomUUID();
    await seedCampaign(stack.db.prisma, {
      organizationId: other,
      name: 'Other org dentists',
      businesses: [{ name: 'x', email: 'x@x.example' }],
    });
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { campaignId } = await seedCampaign(stack.db.prisma, {
        name: i === 3 ? 'Austin 100% Dentists' : `Plumbers ${i}`,
        businesses: [
          { name: 'a', email: 'a@a.example' },
          { name: 'b', email: null },
          { name: 'c', email: '  ' },
          ...(i === 1 ? [{ name: 'd', email: 'd@d.example' }] : []),
        ],
      });
      made.push(campaignId);
    }
    const older = await seedExport(
      made[1]!,
      '00000000-0000-4000-8000-000000000001',
      new Date(Date.now() - 60_000),
    );
    const newer = await seedExport(made[1]!, '00000000-0000-4000-8000-000000000001', new Date());
    const seen: any[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await stack.request('GET', `/api/campaigns?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen.map((c) => c.id)).toEqual([...made].reverse());
    expect(seen.some((c) => c.name === 'Other org dentists')).toBe(false);
    const one = seen.find((c) => c.id === made[1]);
    expect(one).toMatchObject({
      businesses: 4,
      withEmail: 2,
      lastExport: { id: newer, status: 'completed' },
    });
    expect(one.lastExport.id).not.toBe(older);
    expect(seen.find((c) => c.id === made[0])).toMatchObject({
      businesses: 3,
      withEmail: 1,
      lastExport: null,
    });
    // q is a case-insensitive substring, never a pattern: '%' matches only a '%'.
    const q = await stack.request('GET', `/api/campaigns?q=${encodeURIComponent('100% dent')}`);
    expect(q.body.items.map((c: any) => c.id)).toEqual([made[3]]);
    const pct = await stack.request('GET', `/api/campaigns?q=${encodeURIComponent('s%0')}`);
    expect(pct.body.items).toEqual([]);
  });

  it('GET /api/campaigns refuses bad limits, forged cursors and unknown parameters with 400', async () => {
    for (const qs of [
      'limit=0',
      'limit=201',
      'cursor=abc',
      `cursor=${Buffer.from('x|y').toString('base64url')}`,
      'cursor=a%2Fb',
      'sort=name',
      `q=${encodeURIComponent('\u0000')}`,
    ]) {
      const res = await stack.request('GET', `/api/campaigns?${qs}`);
      expect({ qs, status: res.status, code: res.body.error?.code }).toEqual({
        qs,
        status: 400,
        code: 'validation_failed',
      });
    }
  });

  const request = (sequence: unknown, extra: Record<string, unknown> = {}) => ({
    campaignName: 'Preview',
    schedule: { timezone: 'America/New_York', from: '09:00', to: '17:00', days: ['mon'] },
    sequence,
    ...extra,
  });

  it('POST /api/campaigns/:id/export-preview counts leads lacking each variable and renders one real lead', async () => {
    const { campaignId } = await seedCampaign(stack.db.prisma, {
      name: 'Preview campaign',
      businesses: [
        { name: 'No icebreaker Co', email: 'a@a.example', firstName: 'Ann' },
        {
          name: 'Full Co',
          email: 'b@b.example',
          firstName: 'Bob',
          icebreaker: 'Loved your reviews',
          city: 'Austin',
          state: 'TX',
        },
        { name: 'No name Co', email: 'c@c.example', icebreaker: 'Nice site', firstName: ' ' },
        { name: 'No email Co', email: null },
      ],
    });
    const seq = [
      {
        subject: 'Hi {{firstName}}',
        body: '{{icebreaker}} — {{companyName}} in {{business_location}}. {{sendingAccountFirstName}}',
        delayDays: 0,
      },
    ];
    const res = await stack.request('POST', `/api/campaigns/${campaignId}/export-preview`, request(seq));
    expect(res.status).toBe(200);
    expect(res.body.variables).toEqual(['business_location', 'companyName', 'firstName', 'icebreaker']);
    expect(res.body.available).toEqual(expect.arrayContaining(['firstName', 'icebreaker', 'subject_line']));
    expect(res.body.leadsWithEmail).toBe(3);
    expect(res.body.leadsMissingAny).toBe(2);
    expect(res.body.byVariable).toEqual(
      expect.arrayContaining([
        { variable: 'icebreaker', leads: 1 },
        { variable: 'firstName', leads: 1 },
        { variable: 'business_location', leads: 2 },
      ]),
    );
    expect(res.body.sample).toMatchObject({
      businessName: 'Full Co',
      subject: 'Hi Bob',
      body: 'Loved your reviews — Full Co in Austin, TX. {{sendingAccountFirstName}}',
    });
    expect(res.body.timezone).toMatchObject({ requested: 'America/New_York', substituted: true });
    // Defaults fill a variable; a variable no lead has is missing on all of them.
    const withDefault = await stack.request(
      'POST',
      `/api/campaigns/${campaignId}/export-preview`,
      request([{ subject: 'Hi {{firstName}}', body: '{{nosuch}}', delayDays: 0 }], {
        variableDefaults: { firstName: 'there' },
      }),
    );
    expect(withDefault.body.byVariable).toEqual([{ variable: 'nosuch', leads: 3 }]);
    expect(withDefault.body.leadsMissingAny).toBe(3);
    // Nothing was written: no export row.
    expect(await stack.db.prisma.instantlyExport.count({ where: { campaignId } })).toBe(0);
  });

  it('export-preview: 400 for a bad request, 404 for another organization’s campaign', async () => {
    const { campaignId } = await seedCampaign(stack.db.prisma, {
      organizationId: randomUUID(),
      businesses: [],
    });
    const seq = [{ subject: 'Hi', body: 'x', delayDays: 0 }];
    expect(
      (await stack.request('POST', `/api/campaigns/${campaignId}/export-preview`, request(seq))).status,
    ).toBe(404);
    const bad = await stack.request(
      'POST',
      `/api/campaigns/${campaignId}/export-preview`,
      request([{ subject: '{{x', body: 'y', delayDays: 0 }]),
    );
    expect(bad.status).toBe(400);
  });

  it('GET /api/campaigns/:id/analytics/daily counts events per UTC day and stage, every day present', async () => {
    const { campaignId, organizationId } = await seedCampaign(stack.db.prisma, { businesses: [] });
    const exportId = await seedExport(campaignId, organizationId, new Date());
    const now = new Date();
    const yesterday = new Date(now.getTime() - 86_400_000);
    const events = [
      ['email_sent', now],
      ['email_sent', now],
      ['email_opened', now],
      ['reply_received', yesterday],
      ['email_bounced', yesterday],
      ['lead_unsubscribed', now],
      ['link_clicked', new Date(now.getTime() - 40 * 86_400_000)],
      ['custom_label', now],
    ] as const;
    for (const [eventType, occurredAt] of events)
      await stack.db.prisma.instantlyEvent.create({
        data: { dedupeKey: randomUUID(), organizationId, exportId, eventType, occurredAt, payload: {} },
      });
    const superseded = await stack.db.prisma.instantlyEvent.create({
      data: {
        dedupeKey: randomUUID(),
        organizationId,
        exportId,
        eventType: 'email_opened',
        occurredAt: now,
        payload: {},
        supersededBy: 1n,
      },
    });
    expect(superseded.id).toBeDefined();
    const res = await stack.request('GET', `/api/campaigns/${campaignId}/analytics/daily?days=7`);
    expect(res.status).toBe(200);
    expect(res.body.days).toHaveLength(7);
    const today = res.body.days[6];
    expect(today).toEqual({
      date: now.toISOString().slice(0, 10),
      sent: 2,
      opened: 1,
      clicked: 0,
      replied: 0,
      bounced: 0,
      unsubscribed: 1,
    });
    expect(res.body.days[5]).toMatchObject({
      date: yesterday.toISOString().slice(0, 10),
      replied: 1,
      bounced: 1,
    });
    expect(res.body.days.reduce((n: number, d: any) => n + d.clicked, 0)).toBe(0);
    expect((await stack.request('GET', `/api/campaigns/${campaignId}/analytics/daily?days=0`)).status).toBe(
      400,
    );
    expect((await stack.request('GET', `/api/campaigns/${randomUUID()}/analytics/daily`)).status).toBe(404);
  });
});

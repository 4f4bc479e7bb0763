import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { startTestStack, TEST_API_TOKEN, type TestStack } from '../test/helpers/stack';
import { ensureUiBuilt, launchChromium } from '../test/browser/browser';

// Issue 17's performance bar: the analytics page of a campaign with 100,000 leads and 1,000,000 events paints its
// funnel in < 1 s on loopback, and the page fetches no per-lead data (aggregates only).
const LEADS = 100_000;
const EVENTS = 1_000_000;
const TYPES = [
  'email_sent',
  'email_opened',
  'link_clicked',
  'reply_received',
  'email_bounced',
  'lead_unsubscribed',
];

describe('dashboard analytics page at scale', () => {
  let stack: TestStack;
  let browser: Browser;
  let campaignId: string;

  beforeAll(async () => {
    ensureUiBuilt();
    browser = await launchChromium();
    stack = await startTestStack({ name: 'dashboard-perf', worker: false });
    const { prisma } = stack.db;
    const campaign = await prisma.campaign.create({
      data: { organizationId: '00000000-0000-4000-8000-000000000001', name: 'Big campaign' },
    });
    campaignId = campaign.id;
    const exportId = randomUUID();
    const seeded = Date.now();
    await prisma.$executeRawUnsafe(
      `INSERT INTO gmaps_businesses (id, campaign_id, name, email, updated_at)
       SELECT gen_random_uuid(), $1::uuid, 'Biz ' || g, 'lead' || g || '@big.example', now()
       FROM generate_series(1, $2::int) g`,
      campaignId,
      LEADS,
    );
    await prisma.instantlyExport.create({
      data: {
        ...{
          id: exportId,
          organizationId: campaign.organizationId,
          campaignId,
          instantlyCampaignId: randomUUID(),
        },
        ...{ instantlyName: 'Big', nameTag: exportId, workflowId: `export/${exportId}`, request: {} },
        ...{ requestHash: exportId, status: 'completed', leadsUploaded: LEADS, contactedCount: LEADS },
        ...{ openedCount: 60_000, clickedCount: 20_000, repliedCount: 9_000, bouncedCount: 2_000 },
        lastSyncedAt: new Date(),
      },
    });
    // 1,000,000 events over the last 30 days, spread over the six funnel types and three steps.
    await prisma.$executeRawUnsafe(
      `INSERT INTO gmaps_instantly_events (organization_id, dedupe_key, export_id, event_type, lead_email, step,
         variant, occurred_at, payload, applied_at)
       SELECT '00000000-0000-4000-8000-000000000001'::uuid, 'perf-' || g, $1::uuid, ($3::text[])[1 + g % 6], 'lead' || (g % $4::int) || '@big.example',
         1 + g % 3, 1 + g % 2, now() - (g % 30) * interval '1 day' - (g % 86400) * interval '1 second', '{}'::jsonb, now()
       FROM generate_series(1, $2::int) g`,
      exportId,
      EVENTS,
      TYPES,
      LEADS,
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO gmaps_instantly_step_counters (export_id, step, variant, event_type, events)
       SELECT export_id, step, variant, event_type, count(*)::int FROM gmaps_instantly_events
       WHERE export_id = $1::uuid GROUP BY 1, 2, 3, 4`,
      exportId,
    );
    // What autovacuum does for a table that is not bulk-loaded a second ago: statistics and the visibility map
    // (the daily trend is an index-only scan, which needs the latter).
    await prisma.$executeRawUnsafe('VACUUM (ANALYZE) gmaps_instantly_events');
    console.log(`seeded ${LEADS} leads and ${EVENTS} events in ${Date.now() - seeded} ms`);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('paints the funnel in < 1 s and fetches aggregates only', async () => {
    const context = await browser.newContext();
    // Signed in already: the token in sessionStorage, as the sign-in page leaves it.
    await context.addInitScript(
      `sessionStorage.setItem('instantly-bridge.token', ${JSON.stringify(TEST_API_TOKEN)})`,
    );
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    const timings: Record<string, number> = {};
    for (const round of ['cold', 'warm']) {
      requests.length = 0;
      await page.goto('about:blank');
      const started = Date.now();
      await page.goto(`${stack.apiUrl}/#/campaigns/${campaignId}/analytics`);
      await page.locator('#funnel tr[data-stage=sent] td[data-value]').waitFor();
      timings[`${round} funnel (wall clock, with the test's own overhead)`] = Date.now() - started;
      // The browser's own clock: from the start of navigation to the frame after the funnel was rendered.
      await page.waitForFunction(`performance.getEntriesByName('ib:funnel-painted').length > 0`);
      timings[`${round} funnel painted`] = Math.round(
        await page.evaluate<number>(`performance.getEntriesByName('ib:funnel-painted')[0].startTime`),
      );
      await page.locator('.uplot').waitFor({ timeout: 30_000 });
      timings[`${round} trend`] = Date.now() - started;
    }
    // Where the warm round's time went, in the browser's clock: [what, start, response end] of the page and each
    // request.
    const resources = await page.evaluate<Array<[string, number, number]>>(
      `[...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => [new URL(e.name).pathname.split('/').slice(-1)[0] || 'page', Math.round(e.startTime), Math.round(e.responseEnd)])`,
    );
    console.log(
      `analytics page, ${LEADS} leads / ${EVENTS} events: ${JSON.stringify(timings)} ms; ` +
        `warm resources ${JSON.stringify(resources)} ms`,
    );
    expect(await page.getAttribute('#funnel tr[data-stage=sent] td[data-value]', 'data-value')).toBe(
      String(LEADS),
    );
    const api = requests.filter((p) => p.startsWith('/api/'));
    expect(api.sort()).toEqual(
      [
        `/api/campaigns/${campaignId}`,
        `/api/campaigns/${campaignId}/analytics`,
        `/api/campaigns/${campaignId}/analytics/daily`,
      ].sort(),
    );
    // The bar is 1 s on loopback. DASHBOARD_PAINT_BUDGET_MS only exists for machines shared far beyond
    // their cores (it is reported, never silently raised).
    const budget = Number(process.env.DASHBOARD_PAINT_BUDGET_MS ?? 1000);
    expect(timings['warm funnel painted']).toBeLessThan(budget);
    expect(timings['cold funnel painted']).toBeLessThan(budget);
    await context.close();
  }, 120_000);
});

import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  eventually,
  ENGAGEMENT_API_TOKEN,
  startEngagementStack,
  type EngagementStack,
} from '../helpers/engagement-stack';
import { ensureUiBuilt, launchChromium, screenshot, seriousA11yViolations } from './browser';

// The whole dashboard in a real Chromium against the real stack (PostgreSQL, Temporal, worker, API serving
// ui/dist, the Instantly simulator): sign in → upload a CSV → export modal → export with activate → progress →
// result links → the simulator plays the campaign → funnel = API → inbox → event log filter → sign out.
// Every page: axe-core (no serious/critical violation), no CSP violation, a screenshot in test-artifacts/.

const HEADER =
  'name,email,first_name,category,city,state,rating,reviews_count,website,phone,icebreaker,subject_line';
const row = (i: number, o: { email?: string; icebreaker?: string; rating?: string } = {}) =>
  [
    `Biz ${i}`,
    o.email ?? `owner${i}@biz${i}.example`,
    `First${i}`,
    'Dentist',
    'Austin',
    'TX',
    o.rating ?? '4.5',
    '12',
    `https://biz${i}.example`,
    '555-0100',
    o.icebreaker ?? `Loved the reviews of Biz ${i}`,
    `Idea for Biz ${i}`,
  ].join(',');
// 12 businesses: 2 without e-mail, 3 without icebreaker (the template uses {{icebreaker}}) → 10 leads, 3 lacking.
const GOOD_ROWS = Array.from({ length: 12 }, (_, i) =>
  row(i, { email: i >= 10 ? '' : undefined, icebreaker: i >= 7 && i < 10 ? '' : undefined }),
);
const GOOD_CSV = [HEADER, ...GOOD_ROWS].join('\n') + '\n';
const BAD_CSV = [HEADER, ...GOOD_ROWS.slice(0, 3), row(99, { rating: '9' })].join('\n') + '\n';

describe('dashboard in a real browser', () => {
  let stack: EngagementStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    ensureUiBuilt();
    browser = await launchChromium();
    stack = await startEngagementStack({ name: 'dashboard', sim: { rateLimit: false } });
    // A fixed zone that Instantly does not list, so the modal shows a substitution.
    context = await browser.newContext({
      timezoneId: 'America/New_York',
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('favicon')) problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** axe on the current page plus no CSP or script error so far; then a screenshot. */
  const checkPage = async (name: string) => {
    await screenshot(page, name);
    expect({ name, violations: await seriousA11yViolations(page) }).toEqual({ name, violations: [] });
    expect(problems).toEqual([]);
  };

  it('walks the whole job in the browser', async () => {
    // --- the page and its headers
    const res = await page.goto(`${stack.apiUrl}/`);
    expect(res?.status()).toBe(200);
    const headers = res!.headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    await checkPage('01-sign-in');

    // --- sign in: a wrong token is refused, the right one is kept in sessionStorage, never in the URL
    await page.fill('#token', 'wrong-token-123456');
    await page.click('button[type=submit]');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('refused');
    // The browser logs the deliberate 401; that one (and only that) is expected.
    expect(problems).toEqual([expect.stringContaining('status of 401')]);
    problems.length = 0;
    await page.fill('#token', ENGAGEMENT_API_TOKEN);
    await page.click('button[type=submit]');
    await page.getByRole('heading', { name: 'Campaigns' }).waitFor();
    expect(await page.evaluate('Object.values(sessionStorage)')).toContain(ENGAGEMENT_API_TOKEN);
    expect(await page.evaluate('localStorage.length')).toBe(0);

    // --- settings: register the webhook (so engagement flows back), key state shown
    await page.click('a[href="#/settings"]');
    await page.getByRole('button', { name: 'Register or check the webhook' }).click();
    await page.getByRole('status').filter({ hasText: 'test delivery succeeded' }).waitFor();
    await checkPage('02-settings');

    // --- upload a CSV: a bad row is named and nothing can be written; the fixed file creates the campaign
    await page.click('a[href="#/"]');
    await page.setInputFiles('#csv-file', {
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(BAD_CSV),
    });
    await page.getByText('Line 5: rating').waitFor();
    expect(await page.getByRole('button', { name: 'Create campaign' }).isDisabled()).toBe(true);
    await page.setInputFiles('#csv-file', {
      name: 'good.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(GOOD_CSV),
    });
    await page.getByText('12 rows read: 12 valid, 0 with errors.').waitFor();
    expect(await page.locator('table').last().locator('tbody tr').count()).toBe(5);
    await page.fill('#csv-name', 'Austin dentists');
    await checkPage('03-campaigns-upload-preview');
    expect(await stack.prisma.campaign.count()).toBe(0); // nothing written before "Create campaign"
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByRole('heading', { name: 'Austin dentists' }).waitFor();
    const campaignId = decodeURIComponent(page.url().split('#/campaigns/')[1]!.split('/')[0]!);
    expect(await stack.prisma.business.count({ where: { campaignId } })).toBe(12);

    // --- export modal: Esc closes it; pre-filled name, timezone substitution, missing-variable warning, preview
    await page.getByRole('button', { name: 'Export to Instantly' }).click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Export to Instantly' }).click();
    const dialog = page.getByRole('dialog');
    expect(await page.inputValue('#x-name')).toMatch(/^Austin dentists - \d{4}-\d{2}-\d{2}$/);
    await page.locator('#missing-warning').waitFor();
    const warning = await page.locator('#missing-warning').textContent();
    expect(warning).toContain('3 of 10 leads');
    expect(warning).toContain('{{icebreaker}} (3)');
    await page.locator('#tz-note').waitFor();
    expect(await page.locator('#tz-note').textContent()).toContain('America/New_York');
    const apiPreview = await stack.request('POST', `/api/campaigns/${campaignId}/export-preview`, {
      campaignName: 'x',
      schedule: { timezone: 'America/Chicago', from: '09:00', to: '17:00', days: ['mon'] },
      template: 'local-intro',
    });
    expect(await page.locator('#preview-subject').textContent()).toBe(apiPreview.body.sample.subject);
    expect(await page.locator('#preview-body').textContent()).toBe(apiPreview.body.sample.body);
    expect(apiPreview.body.sample.body).toContain('Loved the reviews of');
    // Focus stays in the modal: tabbing many times never leaves the dialog.
    for (let i = 0; i < 40; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate('document.querySelector("dialog").contains(document.activeElement)')).toBe(
      true,
    );
    expect(await dialog.isVisible()).toBe(true);
    await checkPage('04-export-modal');
    await page.getByLabel('Activate now (start sending)').check();
    await page.getByRole('button', { name: 'Start export' }).click();

    // --- progress to completed, result links
    await page.waitForURL(/#\/exports\//);
    const exportId = page.url().split('#/exports/')[1]!;
    await page.locator('#export-status').filter({ hasText: 'completed' }).waitFor({ timeout: 120_000 });
    const done = (await stack.request('GET', `/api/exports/${exportId}`)).body;
    expect(done.status).toBe('completed');
    expect(done.result.counters).toMatchObject({ uploaded: 7, eligible: 10 });
    const instantlyId: string = done.result.instantlyCampaignId;
    expect(await page.getAttribute('#instantly-link', 'href')).toContain(instantlyId);
    expect(await page.getAttribute('#temporal-link', 'href')).toBe(done.temporalUiUrl);
    expect(await page.locator('#instantly-link').textContent()).toContain('(active)');
    await checkPage('05-export-completed');

    // --- the simulator plays the campaign; the funnel page shows the API's numbers
    const truth = await stack.sim.runCampaign(instantlyId, {
      seed: 5,
      openRate: 0.7,
      replyRate: 0.5,
      bounceRate: 0.1,
    });
    const stages = ['sent', 'opened', 'clicked', 'replied', 'bounced', 'unsubscribed'] as const;
    const apiFunnel = await eventually(
      async () => {
        const f = (await stack.request('GET', `/api/campaigns/${campaignId}/analytics`)).body.funnel;
        return stages.every((k) => f[k] === (truth.totals as any)[k]) ? f : undefined;
      },
      'the funnel to match the simulator',
      90_000,
    );
    expect(apiFunnel.replied).toBeGreaterThan(0);
    await page.click("text=See the campaign's analytics");
    await page.locator('#funnel').waitFor();
    for (const k of stages)
      expect({
        k,
        v: await page.getAttribute(`#funnel tr[data-stage=${k}] td[data-value]`, 'data-value'),
      }).toEqual({
        k,
        v: String(apiFunnel[k]),
      });
    // Per step × variant: the API's rows, Instantly's 1-based step and variant (1 → A).
    const apiSteps = (await stack.request('GET', `/api/campaigns/${campaignId}/analytics`)).body.steps;
    const stepRows = await page.locator('#steps tbody tr').allTextContents();
    expect(stepRows).toHaveLength(apiSteps.length);
    const first = apiSteps[0];
    expect(await page.locator('#steps tbody tr').first().locator('td').nth(0).textContent()).toBe(
      String(first.step),
    );
    expect(await page.locator('#steps tbody tr').first().locator('td').nth(1).textContent()).toBe(
      first.variant === null ? '—' : String.fromCharCode(64 + first.variant),
    );
    await page.locator('.uplot').waitFor();
    expect(await page.getByText('Opens are inflated').count()).toBe(1);
    await checkPage('06-analytics');

    // --- reply inbox lists the replies (newest first, as the API)
    await page.click('a[href$="/replies"]');
    const replies = (await stack.request('GET', `/api/campaigns/${campaignId}/replies?limit=50`)).body.items;
    expect(replies.length).toBeGreaterThan(0);
    await page.locator('#replies li').first().waitFor();
    expect(await page.locator('#replies li').count()).toBe(replies.length);
    expect(await page.locator('#replies li').first().textContent()).toContain(replies[0].email);
    await checkPage('07-replies');

    // --- event log: filter by type and lead e-mail
    await page.click('a[href$="/events"]');
    await page.locator('#events tbody tr').first().waitFor();
    const lead: string = replies[0].email;
    await page.selectOption('#ev-type', 'reply_received');
    await page.fill('#ev-lead', lead.toUpperCase());
    await page.getByRole('button', { name: 'Filter' }).click();
    const api = (
      await stack.request(
        'GET',
        `/api/campaigns/${campaignId}/events?type=reply_received&lead=${encodeURIComponent(lead)}`,
      )
    ).body.items;
    await page
      .locator('#events caption')
      .filter({ hasText: `${api.length} events shown` })
      .waitFor();
    const rows = await page.locator('#events tbody tr').allTextContents();
    expect(rows).toHaveLength(api.length);
    for (const r of rows) expect(r).toContain('reply_received');
    for (const r of rows) expect(r).toContain(lead);
    await checkPage('08-events');

    // --- sign out forgets the token
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#token').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    expect(page.url()).not.toContain(ENGAGEMENT_API_TOKEN);
  }, 400_000);
});

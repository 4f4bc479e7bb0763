import { BUSINESS_COLUMNS } from '../../contracts/business-columns';
import { INSTANTLY_TIMEZONES } from '../../contracts/instantly-timezones';
import { exportBody, makeBusinesses } from '../fixtures/businesses';
import { seedCampaign } from '../helpers/seed';
import { startTestStack, waitForExport, type TestStack } from '../helpers/stack';

// Issue 10 items 1, 2 and 5 through the real API, worker, PostgreSQL and Temporal.
describe('export requests are checked at the door (real engines)', () => {
  let stack: TestStack;
  let campaignId: string;
  const start = (body: unknown) =>
    stack.request('POST', `/api/campaigns/${campaignId}/export-to-instantly`, body);
  const paths = (res: { body: any }) => res.body.error.details.map((d: { path: string }) => d.path);

  beforeAll(async () => {
    stack = await startTestStack({ name: 'export-door' });
    ({ campaignId } = await seedCampaign(stack.db.prisma, { businesses: makeBusinesses(3, 'door') }));
  });
  afterAll(async () => stack?.stop());

  it("refuses the issue's hostile body with 400 and starts nothing", async () => {
    const hostile = `{{${' '.repeat(9000)}x`;
    const res = await start(exportBody({ sequence: [{ subject: 'Hi', body: hostile, delayDays: 0 }] }));
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(['body.sequence.0.body']);
    expect(await stack.db.prisma.instantlyExport.count()).toBe(0);
  });

  it('refuses Mars/Olympus naming body.schedule.timezone with the nearest Instantly zones', async () => {
    const res = await start(exportBody({ schedule: { ...exportBody().schedule, timezone: 'Mars/Olympus' } }));
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(['body.schedule.timezone']);
    const message: string = res.body.error.details[0].message;
    const zones = message.slice(message.indexOf('timezones: ') + 'timezones: '.length).split(', ');
    expect(zones).toHaveLength(3);
    for (const zone of zones) expect(INSTANTLY_TIMEZONES).toContain(zone);
  });

  it('refuses an unknown template (a 3 MB one without echoing it) and extraVariables that are not columns', async () => {
    const huge = await start({ ...exportBody({ sequence: undefined }), template: 'x'.repeat(3_000_000) });
    expect(huge.status).toBe(400);
    expect(paths(huge)).toEqual(expect.arrayContaining(['body.template']));
    expect(JSON.stringify(huge.body).length).toBeLessThan(1000);
    const unknown = await start({ ...exportBody({ sequence: undefined }), template: 'constructor' });
    expect(unknown.body.error.details).toEqual([
      { path: 'body.template', message: 'unknown template; known: local-intro, single-touch' },
    ]);
    const extra = await start(exportBody({ extraVariables: ['state', 'no_such_column'] }));
    expect(extra.status).toBe(400);
    expect(paths(extra)).toEqual(['body.extraVariables.1']);
    expect(await stack.db.prisma.instantlyExport.count()).toBe(0);
  });

  it('knows exactly the columns of the migrated businesses table', async () => {
    const rows = await stack.db.prisma.$queryRawUnsafe<{ column_name: string }[]>(
      `SELECT column_name FROM information_schema.columns
        WHERE table_name = 'gmaps_businesses' AND table_schema = current_schema()`,
    );
    expect([...BUSINESS_COLUMNS].sort()).toEqual(rows.map((r) => r.column_name).sort());
  });

  it('answers 202 saying which zone replaces a substituted one, and reports {{constructor}} missing', async () => {
    const res = await start(
      exportBody({
        campaignName: 'Prototype variable',
        sequence: [{ subject: 'Hi {{toString}}', body: '{{constructor}} and {{valueOf}}', delayDays: 0 }],
      }),
    );
    expect(res.status).toBe(202);
    expect(res.body.timezone).toEqual({
      requested: 'America/New_York',
      used: 'America/Detroit',
      substituted: true,
      note: expect.stringContaining('America/Detroit'),
    });
    const done = await waitForExport(stack, res.body.exportId);
    expect(done.result.error).toEqual({
      type: 'NoEligibleLeads',
      message:
        'nothing to export: all 3 leads failed pre-flight: 3 × missing {{constructor}}, {{toString}}, {{valueOf}}',
    });
    const ledger = await stack.db.prisma.instantlyExportLead.findMany({
      where: { exportId: res.body.exportId },
    });
    expect(ledger.map((l) => [l.outcome, l.reason])).toEqual(
      Array(3).fill(['skipped', 'missing {{constructor}}, {{toString}}, {{valueOf}}']),
    );
  });
});

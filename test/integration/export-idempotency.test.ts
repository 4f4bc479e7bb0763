import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { exportService } from '../../api/services/export-service';
import { exportRequestSchema } from '../../contracts/schemas/export-request';
import { createLogger } from '../../lib/logger';
import { exportBody, makeBusinesses } from '../fixtures/businesses';
import { seedCampaign } from '../helpers/seed';
import { startTestStack, TEST_API_TOKEN, waitForExport, type TestStack } from '../helpers/stack';
import { testDeps } from '../helpers/temporal';

/** Issue 11 item 1: never email a lead twice (real PostgreSQL, real Temporal, the Instantly simulator). */
describe('export idempotency: one export per request, one email per lead', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ name: 'idem' });
  });
  afterAll(async () => stack?.stop());

  async function post(campaignId: string, body: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${stack.apiUrl}/api/campaigns/${campaignId}/export-to-instantly`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_TOKEN}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  /** How many times each email sits in any Instantly campaign of the simulator's workspace. */
  function emailsInInstantly(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const l of stack.sim.state.workspace(stack.apiKey).leads.values())
      if (l.campaign) counts.set(l.email!, (counts.get(l.email!) ?? 0) + 1);
    return counts;
  }
  const instantlyCampaigns = () => stack.sim.state.workspace(stack.apiKey).campaigns.size;

  it('100 concurrent identical requests: 1 export row, 1 Instantly campaign, each lead once; the same body after completion returns it', async () => {
    const leads = makeBusinesses(40, 'idemh');
    const { campaignId } = await seedCampaign(stack.db.prisma, { businesses: leads });
    const campaignsBefore = instantlyCampaigns();
    const createsBefore = stack.sim.countRequests('POST /api/v2/campaigns');
    const answers = await Promise.all(Array.from({ length: 100 }, () => post(campaignId, exportBody())));
    const ids = new Set(answers.map((a) => a.body.exportId));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.status === 202)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200 && a.body.existing === true)).toHaveLength(99);
    expect(await stack.db.prisma.instantlyExport.count({ where: { campaignId } })).toBe(1);
    const [exportId] = [...ids] as string[];
    const done = await waitForExport(stack, exportId!);
    expect(done.status).toBe('completed');
    expect(done.result.counters).toMatchObject({ eligible: 40, uploaded: 40, alreadyExported: 0 });
    expect(instantlyCampaigns()).toBe(campaignsBefore + 1);
    expect(stack.sim.countRequests('POST /api/v2/campaigns')).toBe(createsBefore + 1);
    const counts = emailsInInstantly();
    for (const b of leads) expect(counts.get(b.email!)).toBe(1);

    // After completion: the identical body (keys reordered, force: false spelled out) is the same export.
    const { campaignName, ...rest } = exportBody();
    const again = await post(campaignId, { force: false, ...rest, campaignName });
    expect(again).toMatchObject({ status: 200, body: { existing: true, exportId } });
    expect(await stack.db.prisma.instantlyExport.count({ where: { campaignId } })).toBe(1);
    expect(instantlyCampaigns()).toBe(campaignsBefore + 1);
  });

  it('force: a second export holds back every lead as alreadyExported and uploads nothing; allowReexport uploads them', async () => {
    const leads = makeBusinesses(30, 'idemf');
    const { campaignId } = await seedCampaign(stack.db.prisma, { businesses: leads });
    const first = await post(campaignId, exportBody());
    expect(first.status).toBe(202);
    expect((await waitForExport(stack, first.body.exportId)).status).toBe('completed');
    const campaignsBefore = instantlyCampaigns();

    const forced = await post(campaignId, exportBody({ force: true }));
    expect(forced.status).toBe(202);
    expect(forced.body.exportId).not.toBe(first.body.exportId);
    const held = await waitForExport(stack, forced.body.exportId);
    expect(held.status).toBe('failed');
    expect(held.result.error).toEqual({
      type: 'NoEligibleLeads',
      message: expect.stringContaining('30 × already sent to Instantly by an earlier export'),
    });
    expect(held.result.counters).toMatchObject({ eligible: 30, rejected: 30, alreadyExported: 30, sent: 0 });
    expect(
      await stack.db.prisma.instantlyExportLead.count({
        where: { exportId: forced.body.exportId, outcome: 'already_exported' },
      }),
    ).toBe(30);
    expect(instantlyCampaigns()).toBe(campaignsBefore);
    for (const b of leads) expect(emailsInInstantly().get(b.email!)).toBe(1);

    const again = await post(campaignId, exportBody({ force: true, allowReexport: true }));
    expect(again.status).toBe(202);
    const resent = await waitForExport(stack, again.body.exportId);
    expect(resent.status).toBe('completed');
    expect(resent.result.counters).toMatchObject({ eligible: 30, uploaded: 30, alreadyExported: 0 });
    expect(instantlyCampaigns()).toBe(campaignsBefore + 1);
    for (const b of leads) expect(emailsInInstantly().get(b.email!)).toBe(2);
  });

  it('another campaign of the organization holding the same addresses (any case) sends only the new ones', async () => {
    const leads = makeBusinesses(20, 'idemx');
    const a = await seedCampaign(stack.db.prisma, { businesses: leads.slice(0, 12) });
    expect((await waitForExport(stack, (await post(a.campaignId, exportBody())).body.exportId)).status).toBe(
      'completed',
    );
    const overlap = leads.slice(4, 12).map((b) => ({ ...b, email: ` ${b.email!.toUpperCase()} ` }));
    const b = await seedCampaign(stack.db.prisma, { businesses: [...overlap, ...leads.slice(12)] });
    const done = await waitForExport(stack, (await post(b.campaignId, exportBody())).body.exportId);
    expect(done.status).toBe('completed');
    expect(done.result.counters).toMatchObject({
      eligible: 16,
      alreadyExported: 8,
      rejected: 8,
      uploaded: 8,
    });
    const counts = emailsInInstantly();
    for (const lead of leads) expect(counts.get(lead.email!)).toBe(1);
  });

  it('two forced exports started at once: pre-flight lets only one of them claim each lead', async () => {
    const leads = makeBusinesses(25, 'idemr');
    const { campaignId } = await seedCampaign(stack.db.prisma, { businesses: leads });
    const [x, y] = await Promise.all([
      post(campaignId, exportBody({ force: true, campaignName: 'Race X' })),
      post(campaignId, exportBody({ force: true, campaignName: 'Race Y' })),
    ]);
    expect([x.status, y.status]).toEqual([202, 202]);
    const results = await Promise.all([x, y].map((r) => waitForExport(stack, r.body.exportId)));
    const uploaded = results.map((r) => r.result.counters.uploaded as number).sort();
    expect(uploaded).toEqual([0, 25]);
    expect(results.map((r) => r.result.counters.alreadyExported as number).sort()).toEqual([0, 25]);
    const counts = emailsInInstantly();
    for (const b of leads) expect(counts.get(b.email!)).toBe(1);
  });

  it('Idempotency-Key: same key and body → 200 with the same export; a different body → 422; concurrent repeats → one export', async () => {
    const { campaignId } = await seedCampaign(stack.db.prisma, { businesses: makeBusinesses(5, 'idemk') });
    const key = { 'idempotency-key': 'n8n-exec-4711:item-0' };
    // force: true opts out of body de-duplication, so only the key can make these one export.
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post(campaignId, exportBody({ force: true }), key)),
    );
    expect(new Set(answers.map((a) => a.body.exportId)).size).toBe(1);
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(19).fill(200), 202]);
    expect(await stack.db.prisma.instantlyExport.count({ where: { campaignId } })).toBe(1);
    const exportId = answers[0]!.body.exportId as string;
    await waitForExport(stack, exportId);

    const repeat = await post(campaignId, exportBody({ force: true }), key);
    expect(repeat).toMatchObject({ status: 200, body: { existing: true, exportId } });
    const changed = await post(campaignId, exportBody({ force: true, campaignName: 'Other name' }), key);
    expect(changed.status).toBe(422);
    expect(changed.body.error.code).toBe('idempotency_key_reused');
    expect(changed.body.error.message).toContain(exportId);
    const otherCampaign = await seedCampaign(stack.db.prisma, { businesses: makeBusinesses(1, 'idemq') });
    expect((await post(otherCampaign.campaignId, exportBody({ force: true }), key)).status).toBe(422);
    expect(await stack.db.prisma.instantlyExport.count({ where: { campaignId } })).toBe(1);

    const tooLong = await post(campaignId, exportBody(), { 'idempotency-key': 'k'.repeat(256) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details[0].path).toBe('headers.idempotency-key');
  });

  it('a crash between the row insert and the workflow start is healed by a status read or an identical request', async () => {
    const deps = testDeps(stack.db.prisma, stack.env);
    const dying = {
      workflow: {
        start: () => Promise.reject(new Error('process killed before Temporal was called')),
        getHandle: (id: string) => stack.temporal.workflow.getHandle(id),
      },
    } as unknown as Client;
    const crashed = exportService({ ...deps, temporal: dying, logger: createLogger({ level: 'silent' }) });
    const body = exportRequestSchema.parse(exportBody());
    const viaRead = await seedCampaign(stack.db.prisma, { businesses: makeBusinesses(6, 'idemca') });
    const viaRepeat = await seedCampaign(stack.db.prisma, { businesses: makeBusinesses(6, 'idemcb') });
    const viaCancel = await seedCampaign(stack.db.prisma, { businesses: makeBusinesses(6, 'idemcc') });
    for (const c of [viaRead, viaRepeat, viaCancel])
      await expect(crashed.start(c.organizationId, c.campaignId, body)).rejects.toThrow('process killed');

    const rows = await stack.db.prisma.instantlyExport.findMany({
      where: { campaignId: { in: [viaRead.campaignId, viaRepeat.campaignId, viaCancel.campaignId] } },
    });
    expect(rows).toHaveLength(3);
    for (const row of rows)
      await expect(stack.temporal.workflow.getHandle(row.workflowId).describe()).rejects.toBeInstanceOf(
        WorkflowNotFoundError,
      );
    const readRow = rows.find((r) => r.campaignId === viaRead.campaignId)!;
    const read = await stack.request('GET', `/api/exports/${readRow.id}`);
    expect(read.body.status).toBe('running');
    expect((await waitForExport(stack, readRow.id)).status).toBe('completed');

    const repeat = await post(viaRepeat.campaignId, exportBody());
    const repeatRow = rows.find((r) => r.campaignId === viaRepeat.campaignId)!;
    expect(repeat).toMatchObject({ status: 200, body: { existing: true, exportId: repeatRow.id } });
    expect((await waitForExport(stack, repeatRow.id)).result.counters.uploaded).toBe(6);

    // Cancelling the never-started export stops it for good (a later status read must not start it).
    const cancelRow = rows.find((r) => r.campaignId === viaCancel.campaignId)!;
    const campaignsBefore = instantlyCampaigns();
    expect((await stack.request('POST', `/api/exports/${cancelRow.id}/cancel`)).status).toBe(202);
    const cancelled = await waitForExport(stack, cancelRow.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.result.instantlyCampaignId).toBeNull();
    expect(instantlyCampaigns()).toBe(campaignsBefore);
  });
});

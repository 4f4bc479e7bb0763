import { startSimulator, type Simulator } from '../../../simulator';
import { api, campaignBody, expectEnvelope, leads } from './helpers';

let sim: Simulator;
const KEY = 'leads-key';
const client = () => api(sim, KEY);
const newCampaign = async (name = 'Leads'): Promise<string> =>
  (await client().post('/campaigns', campaignBody({ name }))).body.id;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

describe('single lead, read shape, list and move', () => {
  it('creates one lead with `campaign` (not `campaign_id`) and reads it back with payload', async () => {
    const campaign = await newCampaign();
    expectEnvelope(
      await client().post('/leads', { campaign_id: campaign, email: 'one@x.example' }),
      400,
      /additional properties \('campaign_id'\)/,
    );
    const created = await client().post('/leads', {
      campaign,
      email: 'one@x.example',
      first_name: 'Ona',
      company_name: 'X',
      custom_variables: { city: 'Nice', n: 3 },
    });
    expect(created.status).toBe(200);
    const read = await client().get(`/leads/${created.body.id}`);
    expect(read.body).toMatchObject({
      id: created.body.id,
      campaign,
      email: 'one@x.example',
      status: 1,
      email_open_count: 0,
      email_click_count: 0,
      email_reply_count: 0,
      payload: { firstName: 'Ona', companyName: 'X', city: 'Nice', n: 3 },
    });
    expectEnvelope(await client().post('/leads', { campaign, email: 'ONE@x.example' }), 400);
    expectEnvelope(await client().get('/leads/0191a3e0-0000-7000-8000-000000000000'), 404);
  });

  it('lists by campaign with body pagination and stops on the empty page', async () => {
    const campaign = await newCampaign();
    await client().post('/leads/add', { campaign_id: campaign, leads: leads(5, 'pg') });
    const emails: string[] = [];
    let starting_after: string | undefined;
    for (;;) {
      const page = await client().post('/leads/list', {
        campaign,
        limit: 2,
        ...(starting_after ? { starting_after } : {}),
      });
      if (page.body.items.length === 0) break;
      emails.push(...page.body.items.map((l: { email: string }) => l.email));
      starting_after = page.body.next_starting_after;
    }
    expect(emails).toEqual(leads(5, 'pg').map((l) => l.email));
    const filtered = await client().post('/leads/list', {
      campaign,
      contacts: ['pg3@company3.example'],
      search: 'pg',
    });
    expect(filtered.body.items).toHaveLength(1);
    expectEnvelope(
      await client().post('/leads/list', { campaign, limit: 101 }),
      400,
      'body/limit must be <= 100',
    );
  });

  it('moves leads through a background job that advances on each read', async () => {
    const from = await newCampaign('From');
    const to = await newCampaign('To');
    const added = await client().post('/leads/add', { campaign_id: from, leads: leads(2, 'mv') });
    const ids = added.body.created_leads.map((l: { id: string }) => l.id);
    const job = await client().post('/leads/move', { ids, campaign: from, to_campaign_id: to });
    expect(job.body).toMatchObject({ type: 'move-leads', status: 'pending', progress: 0, entity_id: to });
    expect((await client().get(`/background-jobs/${job.body.id}`)).body.status).toBe('in-progress');
    expect((await client().post('/leads/list', { campaign: to })).body.items).toHaveLength(0);
    const done = await client().get(`/background-jobs/${job.body.id}`);
    expect(done.body).toMatchObject({
      status: 'success',
      progress: 100,
      data: { moved_lead_emails: ['mv0@company0.example', 'mv1@company1.example'] },
    });
    expect((await client().post('/leads/list', { campaign: to })).body.items).toHaveLength(2);
  });

  it('creates a verification job for verify_leads_on_import', async () => {
    const campaign_id = await newCampaign();
    await client().post('/leads/add', { campaign_id, leads: leads(2, 'vf'), verify_leads_on_import: true });
    const jobs = (await client().get('/background-jobs', { type: 'import-leads' })).body.items;
    const job = jobs.find((j: { entity_id: string }) => j.entity_id === campaign_id);
    await client().get(`/background-jobs/${job.id}`);
    await client().get(`/background-jobs/${job.id}`);
    const items = (await client().post('/leads/list', { campaign: campaign_id })).body.items;
    expect(items.map((l: { verification_status: number }) => l.verification_status)).toEqual([1, 1]);
  });
});

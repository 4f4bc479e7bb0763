import { startSimulator, type Simulator } from '../../../simulator';
import { api, campaignBody, expectEnvelope, leads } from './helpers';

let sim: Simulator;
const KEY = 'leads-key';
const client = () => api(sim, KEY);
const newCampaign = async (name = 'Leads'): Promise<string> =>
  (await client().post('/campaigns', campaignBody({ name }))).body.id;
const newList = async (name = 'List'): Promise<string> =>
  (await client().post('/lead-lists', { name })).body.id;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

describe('POST /leads/add rejections', () => {
  it('needs exactly one of campaign_id / list_id', async () => {
    const campaign = await newCampaign();
    const list = await newList();
    expectEnvelope(
      await client().post('/leads/add', { leads: leads(1) }),
      400,
      /exactly one of 'campaign_id' or 'list_id'/,
    );
    expectEnvelope(
      await client().post('/leads/add', { campaign_id: campaign, list_id: list, leads: leads(1) }),
      400,
    );
  });

  it('needs 1–1000 leads', async () => {
    const campaign_id = await newCampaign();
    expectEnvelope(
      await client().post('/leads/add', { campaign_id, leads: [] }),
      400,
      'body/leads must NOT have fewer than 1 items',
    );
    expectEnvelope(
      await client().post('/leads/add', { campaign_id, leads: leads(1001) }),
      400,
      'body/leads must NOT have more than 1000 items',
    );
    expect((await client().post('/leads/add', { campaign_id, leads: leads(1000) })).body.leads_uploaded).toBe(
      1000,
    );
  });

  it('needs an email on every lead for a campaign, but not for a list', async () => {
    const campaign_id = await newCampaign();
    const reply = await client().post('/leads/add', {
      campaign_id,
      leads: [{ email: 'a@b.example' }, { first_name: 'NoMail' }],
    });
    expectEnvelope(reply, 400, "body/leads/1 must have required property 'email'");
    const list_id = await newList();
    expect(
      (await client().post('/leads/add', { list_id, leads: [{ first_name: 'NoMail' }] })).body.leads_uploaded,
    ).toBe(1);
  });

  it.each([[{ nested: { a: 1 } }], [{ tags: ['a', 'b'] }]])(
    'rejects non-scalar custom_variables %j',
    async (vars) => {
      const campaign_id = await newCampaign();
      const reply = await client().post('/leads/add', {
        campaign_id,
        leads: [{ email: 'x@y.example', custom_variables: vars }],
      });
      expectEnvelope(
        reply,
        400,
        /^body\/leads\/0\/custom_variables\/\w+ must be string,number,boolean,null$/,
      );
    },
  );

  it('answers 404 for an unknown campaign and rejects the plan field `variables`', async () => {
    expectEnvelope(
      await client().post('/leads/add', {
        campaign_id: '0191a3e0-0000-7000-8000-000000000000',
        leads: leads(1),
      }),
      404,
    );
    const campaign_id = await newCampaign();
    const reply = await client().post('/leads/add', {
      campaign_id,
      leads: [{ email: 'v@x.example', variables: { a: 1 } }],
    });
    expectEnvelope(reply, 400, /must NOT have additional properties/);
  });
});

describe('POST /leads/add counters', () => {
  it('counts duplicates, in-payload repeats, invalid emails and blocklist hits', async () => {
    const campaign_id = await newCampaign();
    const first = await client().post('/leads/add', { campaign_id, leads: leads(3) });
    expect(first.body).toMatchObject({
      status: 'success',
      total_sent: 3,
      leads_uploaded: 3,
      duplicated_leads: 0,
    });
    sim.state.blocklist(KEY).add('blocked@corp.example').add('@banned.example');
    const payload = [
      { email: 'LEAD0@company0.example' },
      { email: 'fresh@new.example' },
      { email: 'Fresh@New.example' },
      { email: 'not-an-email' },
      { email: 'blocked@corp.example' },
      { email: 'anyone@banned.example' },
    ];
    const reply = await client().post('/leads/add', { campaign_id, leads: payload });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      status: 'success',
      total_sent: 6,
      leads_uploaded: 1,
      in_blocklist: 2,
      blocklist_used: expect.any(String),
      duplicated_leads: 1,
      skipped_count: 0,
      invalid_email_count: 1,
      incomplete_count: 0,
      duplicate_email_count: 1,
      remaining_in_plan: expect.any(Number),
      created_leads: [{ index: 1, id: expect.any(String), email: 'fresh@new.example' }],
    });
  });

  it('honours skip_if_in_workspace / skip_if_in_campaign / skip_if_in_list', async () => {
    const a = await newCampaign('A');
    const b = await newCampaign('B');
    const list_id = await newList();
    await client().post('/leads/add', { campaign_id: a, leads: [{ email: 'in-a@x.example' }] });
    await client().post('/leads/add', { list_id, leads: [{ email: 'in-list@x.example' }] });
    const both = [{ email: 'in-a@x.example' }, { email: 'in-list@x.example' }, { email: 'new@x.example' }];
    const plain = await client().post('/leads/add', { campaign_id: b, leads: both });
    expect(plain.body).toMatchObject({ leads_uploaded: 3, skipped_count: 0 });
    const c = await newCampaign('C');
    expect(
      (await client().post('/leads/add', { campaign_id: c, leads: both, skip_if_in_campaign: true })).body,
    ).toMatchObject({ leads_uploaded: 0, skipped_count: 3 });
    const d = await newCampaign('D');
    const onlyList = await client().post('/leads/add', {
      campaign_id: d,
      leads: [{ email: 'in-list@x.example' }, { email: 'other@x.example' }],
      skip_if_in_list: true,
    });
    expect(onlyList.body).toMatchObject({ leads_uploaded: 1, skipped_count: 1 });
    const e = await newCampaign('E');
    const ws = await client().post('/leads/add', {
      campaign_id: e,
      leads: [{ email: 'in-list@x.example' }, { email: 'brand-new@x.example' }],
      skip_if_in_workspace: true,
    });
    expect(ws.body).toMatchObject({ leads_uploaded: 1, skipped_count: 1 });
    expect((await client().post('/leads/add', { campaign_id: b, leads: both })).body).toMatchObject({
      leads_uploaded: 0,
      duplicated_leads: 3,
    });
  });
});

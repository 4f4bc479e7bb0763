import type { INodeExecutionData } from './n8n-workflow';
import { NodeApiError, NodeOperationError } from './n8n-workflow';

import { mapBusiness } from '../../../n8n-nodes/nodes/InstantlyBridge/businesses';
import { route } from '../../../n8n-nodes/nodes/InstantlyBridge/router';
import { BASE_URL, fakeContext, type Recorded } from './fakes';

const items = (n: number): INodeExecutionData[] =>
  Array.from({ length: n }, (_, i) => ({
    json: { name: `Biz ${i}`, email: `b${i}@example.com`, rating: '4.5', reviews_count: i, city: 'Austin' },
  }));

const serviceStub = (req: Recorded) => {
  const businesses = (req.body as { businesses: unknown[] }).businesses;
  if (req.url === `${BASE_URL}/api/campaigns`)
    return { statusCode: 201, body: { id: 'cmp_9', businessCount: businesses.length } };
  return { statusCode: 201, body: { campaignId: 'cmp_9', added: businesses.length } };
};

const importParams = (extra: Record<string, unknown> = {}) => ({
  resource: 'campaign',
  operation: 'importBusinesses',
  target: 'new',
  campaignName: 'Austin plumbers',
  fieldMap: {},
  ...extra,
});

describe('Campaign → Import Businesses', () => {
  it('sends 300 input items as ONE request and returns one summary item paired with all of them', async () => {
    const f = fakeContext({ params: importParams(), items: items(300), respond: serviceStub });
    const [out] = await route(f.exec);
    expect(f.requests).toHaveLength(1);
    expect(f.requests[0]).toMatchObject({ method: 'POST', url: `${BASE_URL}/api/campaigns` });
    const body = f.requests[0]!.body as { name: string; businesses: unknown[] };
    expect(body.name).toBe('Austin plumbers');
    expect(body.businesses).toHaveLength(300);
    expect(body.businesses[3]).toEqual({
      name: 'Biz 3',
      email: 'b3@example.com',
      rating: 4.5,
      reviews_count: 3,
      city: 'Austin',
    });
    expect(out).toHaveLength(1);
    expect(out![0]!.json).toEqual({
      campaignId: 'cmp_9',
      created: true,
      businessCount: 300,
      added: 300,
      requests: 1,
    });
    expect(out![0]!.pairedItem).toHaveLength(300);
  });

  it('keeps exactly 5,000 in one request and chunks only above it (create, then add)', async () => {
    const exact = fakeContext({ params: importParams(), items: items(5000), respond: serviceStub });
    await route(exact.exec);
    expect(exact.requests).toHaveLength(1);

    const f = fakeContext({ params: importParams(), items: items(12_001), respond: serviceStub });
    const [out] = await route(f.exec);
    expect(f.requests.map((r) => [r.url, (r.body as { businesses: unknown[] }).businesses.length])).toEqual([
      [`${BASE_URL}/api/campaigns`, 5000],
      [`${BASE_URL}/api/campaigns/cmp_9/businesses`, 5000],
      [`${BASE_URL}/api/campaigns/cmp_9/businesses`, 2001],
    ]);
    expect(out![0]!.json).toMatchObject({ businessCount: 12_001, added: 12_001, requests: 3 });
  });

  it('adds to an existing campaign by id', async () => {
    const f = fakeContext({
      params: importParams({ target: 'existing', existingCampaignId: 'cmp 7' }),
      items: items(3),
      respond: serviceStub,
    });
    await route(f.exec);
    expect(f.requests.map((r) => r.url)).toEqual([`${BASE_URL}/api/campaigns/cmp%207/businesses`]);
  });

  it('maps renamed fields through Field Names (dot paths too) and drops empty values', () => {
    const result = mapBusiness(
      { title: "Joe's", contact: { mail: 'joe@example.com' }, totalScore: 4, phone: '', state: null },
      { name: 'title', email: 'contact.mail', rating: 'totalScore' },
    );
    expect(result).toEqual({ ok: true, business: { name: "Joe's", email: 'joe@example.com', rating: 4 } });
  });

  it('fails with NodeOperationError naming the item for bad input', async () => {
    const bad = items(3);
    bad[1]!.json.rating = 'five stars';
    const f = fakeContext({ params: importParams(), items: bad, respond: serviceStub });
    const error = await route(f.exec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as NodeOperationError).context.itemIndex).toBe(1);
    expect(f.requests).toHaveLength(0);
  });

  it('with Continue On Fail, sends the good items and returns an error item for the bad one', async () => {
    const bad = items(3);
    delete bad[2]!.json.name;
    const f = fakeContext({ params: importParams(), items: bad, respond: serviceStub, continueOnFail: true });
    const [out] = await route(f.exec);
    expect((f.requests[0]!.body as { businesses: unknown[] }).businesses).toHaveLength(2);
    expect(out).toEqual([
      { json: { error: expect.stringContaining('no business name') }, pairedItem: { item: 2 } },
      expect.objectContaining({ pairedItem: [{ item: 0 }, { item: 1 }] }),
    ]);
  });

  it('turns an HTTP failure into NodeApiError carrying the service message, or an error item', async () => {
    const respond = () => ({
      statusCode: 400,
      body: { error: { code: 'validation_failed', message: 'businesses[0].email is invalid' } },
    });
    const f = fakeContext({ params: importParams(), items: items(2), respond });
    const error = await route(f.exec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeApiError);
    expect((error as NodeApiError).message).toContain('businesses[0].email is invalid');
    expect((error as NodeApiError).httpCode).toBe('400');

    const soft = fakeContext({ params: importParams(), items: items(2), respond, continueOnFail: true });
    const [out] = await route(soft.exec);
    expect(out).toEqual([
      {
        json: expect.objectContaining({ error: expect.stringContaining('validation_failed') }),
        pairedItem: [{ item: 0 }, { item: 1 }],
      },
    ]);
  });
});

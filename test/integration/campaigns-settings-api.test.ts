import path from 'node:path';
import { Client } from 'pg';
import { importCsv } from '../../scripts/import-csv';
import { startTestStack, TEST_API_TOKEN, type TestStack } from '../helpers/stack';
import { checkResponse } from '../helpers/openapi-check';

describe('standalone campaigns, CSV import and Instantly settings (real PostgreSQL, simulator)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ name: 'settings', worker: false });
  });
  afterAll(async () => stack?.stop());

  it('POST /api/campaigns creates a campaign with its businesses; bad rows get 400 naming the field', async () => {
    const created = await stack.request('POST', '/api/campaigns', {
      name: 'Standalone',
      businesses: [
        {
          name: 'A',
          email: 'a@a.example.com',
          rating: 4.5,
          reviews_count: 10,
          icebreaker: 'hi',
          subject_line: 's',
        },
        { name: 'B', email: null },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), businessCount: 2 });
    const rows = await stack.db.prisma.business.findMany({
      where: { campaignId: created.body.id },
      orderBy: { name: 'asc' },
    });
    expect(rows.map((r) => [r.name, r.email, r.rating, r.reviewsCount])).toEqual([
      ['A', 'a@a.example.com', 4.5, 10],
      ['B', null, null, null],
    ]);
    const bad = await stack.request('POST', '/api/campaigns', {
      name: 'x',
      businesses: [{ email: 'no-name@x.example.com', rating: 9 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'body.businesses.0.name',
      'body.businesses.0.rating',
    ]);
    const malformed = await fetch(`${stack.apiUrl}/api/campaigns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_TOKEN}`, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(malformed.status).toBe(400);
  });

  it('the CSV import creates the sample campaign through the API', async () => {
    const csv = path.join(__dirname, '..', '..', 'prisma', 'sample-businesses.csv');
    const result = await importCsv(csv, 'Sample', stack.apiUrl, TEST_API_TOKEN);
    expect(result.businessCount).toBe(300);
    const withEmail = await stack.db.prisma.business.count({
      where: { campaignId: result.id, email: { not: null } },
    });
    expect(withEmail).toBeGreaterThan(200);
    expect(withEmail).toBeLessThan(300);
  });

  it('PUT /api/settings/instantly stores the key encrypted, never returns it, and tests the connection', async () => {
    const apiKey = 'settings-test-key-Zm9vYmFyYmF6';
    const put = await stack.request('PUT', '/api/settings/instantly', { apiKey });
    expect(put.status).toBe(200);
    checkResponse('PUT', '/api/settings/instantly', put); // the answer is the documented one (openapi.json)
    expect(put.body).toMatchObject({
      configured: true,
      source: 'organization',
      apiKeyLast4: 'YmF6',
      connection: { ok: true },
    });
    expect(JSON.stringify(put.body)).not.toContain(apiKey);
    const get = await stack.request('GET', '/api/settings/instantly');
    expect(JSON.stringify(get.body)).not.toContain(apiKey);
    const pg = new Client({ connectionString: stack.db.url });
    await pg.connect();
    const { rows } = await pg.query('SELECT api_key_encrypted FROM organization_instantly_settings');
    await pg.end();
    expect(rows[0].api_key_encrypted).toMatch(/^v2\./);
    expect(rows[0].api_key_encrypted).not.toContain(apiKey);
    // the stored key is the one used: the simulator saw a request with it
    expect(stack.sim.requests.some((r) => r.headers.authorization === `Bearer ${apiKey}`)).toBe(true);
    const invalid = await stack.request('PUT', '/api/settings/instantly', { apiKey: 'x', extra: 1 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'body',
      'body.apiKey',
    ]);
  });
});

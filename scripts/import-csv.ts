import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_BUSINESSES_PER_REQUEST } from '../contracts/schemas/campaign-import';
import { parseCsv } from '../lib/csv';
import { bridgeApi } from './api-client';

/**
 * npm run import:csv -- <file.csv> --name "Campaign name" [--api http://localhost:3000]
 * Creates a campaign from a CSV with the seed plan's columns (name, email, first_name, category, city, state,
 * rating, reviews_count, website, phone, icebreaker, subject_line) through the HTTP API; prints the campaign id.
 */
export async function importCsv(
  file: string,
  name: string,
  apiBase?: string,
  token?: string,
): Promise<{ id: string; businessCount: number }> {
  const businesses = parseCsv(readFileSync(file, 'utf8'));
  const api = bridgeApi(apiBase, token);
  const first = businesses.slice(0, MAX_BUSINESSES_PER_REQUEST);
  const created = await api.call<{ id: string; businessCount: number }>('POST', '/api/campaigns', {
    name,
    businesses: first,
  });
  for (let i = MAX_BUSINESSES_PER_REQUEST; i < businesses.length; i += MAX_BUSINESSES_PER_REQUEST) {
    await api.call('POST', `/api/campaigns/${created.body.id}/businesses`, {
      businesses: businesses.slice(i, i + MAX_BUSINESSES_PER_REQUEST),
    });
  }
  return { id: created.body.id, businessCount: businesses.length };
}

if (require.main === module) {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, api: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) {
    console.error('usage: npm run import:csv -- <file.csv> --name "Campaign name"');
    process.exit(1);
  }
  importCsv(file, values.name ?? path.basename(file, '.csv'), values.api)
    .then((r) => console.log(`campaign ${r.id}: ${r.businessCount} businesses imported`))
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}

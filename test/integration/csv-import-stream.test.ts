import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { csvCell } from '../../tools/csv';
import { importCsv } from '../../scripts/import-csv';
import { startTestStack, TEST_API_TOKEN, type TestStack } from '../helpers/stack';

const ROOT = path.resolve(__dirname, '..', '..');
const HEADER = 'name,email,city,reviews_count,icebreaker,subject_line,address,category,last_name\n';

/**
 * Writes `rows` CSV rows with `fill` extra characters in each of four free-text columns (wide rows make a big
 * file without hundreds of thousands of inserts); `bad(i)` makes row i invalid (a negative reviews_count).
 */
async function writeCsv(file: string, rows: number, fill: number, bad?: (i: number) => boolean) {
  const out = createWriteStream(file);
  out.write(HEADER);
  const filler = 'x'.repeat(fill);
  for (let i = 0; i < rows; i++) {
    const cells = [
      `Biz ${i}`,
      `b${i}@mail.example.com`,
      'Austin, TX',
      bad?.(i) ? -3 : i,
      `Hi "${i}" ${filler}`,
    ];
    const row = [...cells, 's', filler, filler, filler].map(csvCell).join(',');
    if (!out.write(`${row}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

// Issue 10 item 7: `npm run import:csv` read the whole file into memory and committed 5,000-row chunks.
describe('npm run import:csv streams one all-or-nothing import', () => {
  let stack: TestStack;
  let dir: string;
  beforeAll(async () => {
    stack = await startTestStack({ name: 'csv-import', worker: false });
    dir = mkdtempSync(path.join(os.tmpdir(), 'ib-csv-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await stack?.stop();
  });

  it('a bad row late in the file leaves no campaign and no businesses behind; the error names its line', async () => {
    const file = path.join(dir, 'late-bad.csv');
    await writeCsv(file, 6_000, 10, (i) => i === 5_800);
    const before = await stack.db.prisma.business.count();
    await expect(importCsv(file, 'Late failure', stack.apiUrl, TEST_API_TOKEN)).rejects.toThrow(
      /400: .*line 5802\.reviews_count/,
    );
    expect(await stack.db.prisma.campaign.count({ where: { name: 'Late failure' } })).toBe(0);
    expect(await stack.db.prisma.business.count()).toBe(before);
    // The same file without the bad row imports completely.
    const good = path.join(dir, 'good.csv');
    await writeCsv(good, 6_000, 10);
    const ok = await importCsv(good, 'Complete', stack.apiUrl, TEST_API_TOKEN);
    expect(ok.businessCount).toBe(6_000);
    expect(await stack.db.prisma.business.count({ where: { campaignId: ok.id } })).toBe(6_000);
    const row = await stack.db.prisma.business.findFirstOrThrow({
      where: { campaignId: ok.id, name: 'Biz 7' },
    });
    expect(row).toMatchObject({ city: 'Austin, TX', reviewsCount: 7, subjectLine: 's' });
    expect(row.icebreaker).toBe('Hi "7" xxxxxxxxxx');
  });

  it('imports a 64 MB file with the CLI held to a 48 MB heap (memory does not grow with the file)', async () => {
    const file = path.join(dir, 'large.csv');
    await writeCsv(file, 3_300, 4_900);
    expect(statSync(file).size).toBeGreaterThan(60_000_000);
    const child = spawn(
      process.execPath,
      [
        '--max-old-space-size=48',
        '--import',
        'tsx',
        'scripts/import-csv.ts',
        file,
        '--name',
        'Large',
        '--api',
        stack.apiUrl,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, API_TOKEN: TEST_API_TOKEN, NODE_OPTIONS: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect({ code, output }).toEqual({ code: 0, output: expect.stringMatching(/3300 businesses imported/) });
    const campaign = await stack.db.prisma.campaign.findFirstOrThrow({ where: { name: 'Large' } });
    expect(await stack.db.prisma.business.count({ where: { campaignId: campaign.id } })).toBe(3_300);
  }, 300_000);

  it('the import endpoint refuses a body that is not NDJSON, an empty import and an overlong line', async () => {
    const api = () =>
      request(stack.apiUrl).post('/api/campaigns/import').set('authorization', `Bearer ${TEST_API_TOKEN}`);
    expect((await api().send({ name: 'x' })).status).toBe(415);
    const empty = await api().set('content-type', 'application/x-ndjson').send('');
    expect(empty.status).toBe(400);
    const badHead = await api().set('content-type', 'application/x-ndjson').send('{"name":"x","extra":1}\n');
    expect(badHead.body.error.details[0].path).toBe('line 1.(line)');
    const long = await api()
      .set('content-type', 'application/x-ndjson')
      .send(`{"name":"x"}\n{"name":"${'y'.repeat(1_100_000)}"}\n`);
    expect(long.status).toBe(413);
    expect(await stack.db.prisma.campaign.count({ where: { name: 'x' } })).toBe(0);
  });
});

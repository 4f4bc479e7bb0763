import { createReadStream } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { csvRecords } from '../tools/csv';
import { bridgeApi } from './api-client';

/** The NDJSON the import endpoint takes: the campaign line, then one business per CSV record. */
async function* ndjson(file: string, name: string): AsyncGenerator<string> {
  yield `${JSON.stringify({ name })}\n`;
  for await (const { record } of csvRecords(createReadStream(file, { encoding: 'utf8' }))) {
    yield `${JSON.stringify(record)}\n`;
  }
}

/**
 * A request body that reads the file only when the upload asks for more (pull), ~64 KB at a time: memory
 * stays flat however large the file. (Readable.toWeb on Node 20 reads ahead without backpressure.)
 */
function pullBody(lines: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let piece = '';
        while (piece.length < 65_536) {
          const next = await lines.next();
          if (next.done) {
            if (piece) controller.enqueue(encoder.encode(piece));
            controller.close();
            return;
          }
          piece += next.value;
        }
        controller.enqueue(encoder.encode(piece));
      },
      async cancel() {
        await lines.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

/**
 * npm run import:csv -- <file.csv> --name "Campaign name" [--api http://localhost:3000]
 * Creates a campaign from a CSV with the seed plan's columns (name, email, first_name, category, city, state,
 * rating, reviews_count, website, phone, icebreaker, subject_line) through the HTTP API; prints the campaign id.
 * The file is streamed (memory does not grow with it) to POST /api/campaigns/import, which stores it in ONE
 * transaction: a bad row anywhere leaves no campaign and no businesses behind.
 */
export async function importCsv(
  file: string,
  name: string,
  apiBase?: string,
  token?: string,
): Promise<{ id: string; businessCount: number }> {
  const api = bridgeApi(apiBase, token);
  const res = await fetch(`${api.base}/api/campaigns/import`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token ?? api.env.API_TOKEN}`,
      'content-type': 'application/x-ndjson',
    },
    body: pullBody(ndjson(file, name)),
    duplex: 'half',
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`POST /api/campaigns/import → ${res.status}: ${text}`);
  return JSON.parse(text) as { id: string; businessCount: number };
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

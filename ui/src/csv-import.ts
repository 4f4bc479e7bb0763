import { parseCsv } from '../../tools/csv';
import { businessInputSchema, type BusinessInput } from '../../contracts/schemas/campaign-import';

/** One refused row of an uploaded CSV: its line in the file (header = 1) and what is wrong. */
export interface RowError {
  row: number;
  problems: string[];
}

/** The CSV checked in the browser with the API's own schema, before anything is written. */
export interface CheckedCsv {
  rows: BusinessInput[];
  errors: RowError[];
  total: number;
}

/** Parses and validates a CSV with the seed columns (the same schema POST /api/campaigns/import applies). */
export function checkCsv(text: string): CheckedCsv {
  const records = parseCsv(text);
  const rows: BusinessInput[] = [];
  const errors: RowError[] = [];
  records.forEach((record, i) => {
    const parsed = businessInputSchema.safeParse(record);
    if (parsed.success) rows.push(parsed.data);
    else
      errors.push({
        row: i + 2,
        problems: parsed.error.issues.map((x) => `${x.path.join('.') || 'row'}: ${x.message}`),
      });
  });
  return { rows, errors, total: records.length };
}

/** The import body: a `{ name }` line, then one business per line. */
export const toNdjson = (name: string, rows: BusinessInput[]): string =>
  [JSON.stringify({ name }), ...rows.map((r) => JSON.stringify(r))].join('\n') + '\n';

/** One CSV record: header → cell (null prototype: headers are outside strings). Empty cells are undefined. */
export type CsvRecord = Record<string, string | undefined>;

/**
 * A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF) that takes its text in pieces, so a file
 * can be read as a stream: `push()` returns the rows completed so far, `end()` the last one. The state between
 * pieces is only the current row, so memory does not grow with the file.
 */
export class CsvSplitter {
  private row: string[] = [];
  private cell = '';
  private quoted = false;
  private pendingQuote = false; // a '"' inside quotes that may be the first half of '""'
  private pendingCr = false; // a '\r' whose '\n' may come in the next piece
  private started = false;

  push(text: string): string[][] {
    const rows: string[][] = [];
    let i = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1; // byte-order mark
    }
    for (; i < text.length; i++) {
      const ch = text[i]!;
      if (this.pendingCr) {
        this.pendingCr = false;
        if (ch === '\n') continue;
      }
      if (this.pendingQuote) {
        this.pendingQuote = false;
        if (ch === '"') {
          this.cell += '"';
          continue;
        }
        this.quoted = false;
      }
      if (this.quoted) {
        if (ch === '"') this.pendingQuote = true;
        else this.cell += ch;
      } else if (ch === '"') {
        this.quoted = true;
      } else if (ch === ',') {
        this.endCell();
      } else if (ch === '\n' || ch === '\r') {
        this.pendingCr = ch === '\r';
        rows.push(this.endRow());
      } else {
        this.cell += ch;
      }
    }
    return rows;
  }

  end(): string[][] {
    if (this.pendingQuote) this.quoted = false;
    return this.cell !== '' || this.row.length > 0 ? [this.endRow()] : [];
  }

  private endCell(): void {
    this.row.push(this.cell);
    this.cell = '';
  }

  private endRow(): string[] {
    this.endCell();
    const row = this.row;
    this.row = [];
    return row;
  }
}

/** Header + cells → a record; blank rows → undefined. */
function toRecord(header: string[], cells: string[]): CsvRecord | undefined {
  if (!cells.some((c) => c.trim() !== '')) return undefined;
  const record: CsvRecord = Object.create(null) as CsvRecord;
  header.forEach((h, i) => {
    const v = cells[i]?.trim();
    record[h] = v === '' ? undefined : v;
  });
  return record;
}

/**
 * Reads CSV records from a stream of text (e.g. `createReadStream(file, 'utf8')`), one at a time, with the
 * 1-based line of the file where each record starts.
 */
export async function* csvRecords(
  source: AsyncIterable<string>,
): AsyncGenerator<{ line: number; record: CsvRecord }> {
  const splitter = new CsvSplitter();
  let header: string[] | undefined;
  let line = 0;
  const take = function* (rows: string[][]) {
    for (const cells of rows) {
      line += 1;
      if (!header) {
        header = cells.map((h) => h.trim());
        continue;
      }
      const record = toRecord(header, cells);
      if (record) yield { line, record };
      line += cells.reduce((n, c) => n + countNewlines(c), 0); // quoted line breaks
    }
  };
  for await (const piece of source) yield* take(splitter.push(piece));
  yield* take(splitter.end());
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n += 1;
  return n;
}

/** Parses a whole CSV text (header row → records). Prefer csvRecords for files. */
export function parseCsv(text: string): CsvRecord[] {
  const splitter = new CsvSplitter();
  const [head = [], ...rows] = [...splitter.push(text), ...splitter.end()];
  const header = head.map((h) => h.trim());
  return rows.map((r) => toRecord(header, r)).filter((r): r is CsvRecord => r !== undefined);
}

/** Quotes a value for CSV output when needed. */
export const csvCell = (v: string | number | boolean | null | undefined): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

import { loadToolEnv } from '../lib/env';

/** A tiny client for our own HTTP API, used by the CLIs and the demo (base URL and token from configuration). */
export function bridgeApi(baseUrl?: string, token?: string) {
  const env = loadToolEnv();
  const base = (baseUrl ?? env.PUBLIC_URL).replace(/\/$/, '');
  async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token ?? env.API_TOKEN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = (text ? JSON.parse(text) : null) as T;
    if (res.status >= 400) {
      throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    }
    return { status: res.status, body: parsed };
  }
  return { base, env, call };
}

export interface ExportDocument {
  exportId: string;
  status: string;
  temporalUiUrl: string;
  progress: {
    step: string;
    batchesDone: number;
    batchesTotal: number;
    counters: Record<string, number>;
  } | null;
  result: {
    instantlyCampaignId: string | null;
    counters: Record<string, number>;
    timezone: { requested: string; used: string; substituted: boolean };
    activated: boolean;
    error: { type: string; message: string } | null;
  } | null;
}

/** Polls an export, drawing a progress bar on a TTY (plain lines otherwise), until it finishes. */
export async function followExport(
  api: ReturnType<typeof bridgeApi>,
  exportId: string,
  timeoutMs = 30 * 60_000,
): Promise<ExportDocument> {
  const deadline = Date.now() + timeoutMs;
  let lastLine = '';
  for (;;) {
    const { body } = await api.call<ExportDocument>('GET', `/api/exports/${exportId}`);
    const p = body.progress;
    const line = p
      ? `${bar(p.batchesDone, p.batchesTotal)} ${p.step} ${p.batchesDone}/${p.batchesTotal} batches, ${p.counters.uploaded ?? 0} uploaded`
      : body.status;
    if (line !== lastLine) {
      if (process.stdout.isTTY) process.stdout.write(`\r${line.padEnd(80)}`);
      else console.log(line);
      lastLine = line;
    }
    if (body.status !== 'running') {
      if (process.stdout.isTTY) process.stdout.write('\n');
      return body;
    }
    if (Date.now() > deadline)
      throw new Error(`export ${exportId} still running after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function bar(done: number, total: number, width = 30): string {
  const filled = total ? Math.round((done / total) * width) : 0;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/** Human summary of a finished export. */
export function describeExport(doc: ExportDocument): string {
  const r = doc.result;
  if (!r) return `export ${doc.exportId}: ${doc.status}`;
  const c = r.counters;
  return [
    `export ${doc.exportId}: ${doc.status}`,
    r.error ? `  error: ${r.error.type}: ${r.error.message}` : '',
    `  Instantly campaign: ${r.instantlyCampaignId ?? '(none)'}${r.activated ? ' (active)' : ' (draft)'}`,
    `  leads: ${c.eligible} eligible, ${c.rejected} rejected by pre-flight (${c.alreadyExported ?? 0} already exported), ${c.sent} sent → ${c.uploaded} uploaded, ${c.duplicate} duplicate, ${c.invalid} invalid, ${c.blocklisted} blocklisted, ${c.skipped} skipped`,
    r.timezone.substituted
      ? `  timezone: ${r.timezone.requested} is not accepted by Instantly; used ${r.timezone.used}`
      : '',
    `  Temporal UI: ${doc.temporalUiUrl}`,
  ]
    .filter(Boolean)
    .join('\n');
}

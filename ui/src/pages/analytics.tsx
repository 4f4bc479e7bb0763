import { useEffect, useState } from 'preact/hooks';
import { api, plainError } from '../api';
import { Trend, type DailyPoint } from '../trend';

interface Analytics {
  lastSyncedAt: string | null;
  funnel: Record<'leads' | 'sent' | 'opened' | 'clicked' | 'replied' | 'bounced' | 'unsubscribed', number>;
  steps: Array<{
    step: number;
    variant: number | null;
    sent: number;
    opened: number;
    clicked: number;
    replied: number;
  }>;
  exports: Array<{
    exportId: string;
    instantlyCampaignName: string;
    lastSyncedAt: string | null;
    lastDrift: unknown;
  }>;
}

const STAGES = [
  ['sent', 'Sent'],
  ['opened', 'Opened'],
  ['clicked', 'Clicked'],
  ['replied', 'Replied'],
  ['bounced', 'Bounced'],
  ['unsubscribed', 'Unsubscribed'],
] as const;

const pct = (n: number, of: number) => (of > 0 ? `${((100 * n) / of).toFixed(1)} %` : '—');

/** Drift as Instantly's figures vs ours, in words (the last report of each export). */
function driftWords(drift: unknown): string {
  if (!drift || typeof drift !== 'object') return 'no sync yet';
  const d = drift as { before?: Record<string, unknown>; after?: Record<string, unknown> };
  const after = d.after && typeof d.after === 'object' ? Object.entries(d.after) : [];
  if (after.length === 0) return 'none: our figures match Instantly’s';
  return after.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('; ');
}

/**
 * Campaign analytics from aggregate endpoints only (never per-lead data): the funnel as bars, the per step ×
 * variant table, the daily trend (loaded after the first paint), last sync and drift, "sync now".
 */
export function AnalyticsTab({ campaignId }: { campaignId: string }) {
  const [data, setData] = useState<Analytics | null>(null);
  const [daily, setDaily] = useState<DailyPoint[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const load = () =>
    api<Analytics>('GET', `/api/campaigns/${campaignId}/analytics`).then(setData, (e) =>
      setError(plainError(e)),
    );
  useEffect(() => {
    // The trend (a scan of the campaign's events) is asked for only once the funnel is there, so it never
    // competes with the first paint.
    void load().then(() =>
      api<{ days: DailyPoint[] }>('GET', `/api/campaigns/${campaignId}/analytics/daily?days=30`).then(
        (r) => setDaily(r.days),
        (e) => setError(plainError(e)),
      ),
    );
  }, [campaignId]);
  useEffect(() => {
    // "First meaningful paint" for this page: the frame after the funnel is rendered (measured by the perf test).
    if (data) requestAnimationFrame(() => performance.mark('ib:funnel-painted'));
  }, [data !== null]);
  const sync = async () => {
    try {
      const r = await api<{ signalled: number }>('POST', `/api/campaigns/${campaignId}/sync`);
      setNote(`Sync requested for ${r.signalled} export(s); figures refresh in a few seconds.`);
      setTimeout(() => void load(), 3000);
    } catch (err) {
      setError(plainError(err));
    }
  };
  if (error)
    return (
      <p role="alert" class="error">
        {error}
      </p>
    );
  if (!data) return <p>Loading…</p>;
  const max = Math.max(1, data.funnel.sent);
  return (
    <section aria-labelledby="analytics-h">
      <h2 id="analytics-h">Analytics</h2>
      <p>
        Last sync with Instantly: {data.lastSyncedAt ? new Date(data.lastSyncedAt).toLocaleString() : 'never'}{' '}
        <button type="button" class="secondary" onClick={() => void sync()}>
          Sync now
        </button>
      </p>
      {note && <p role="status">{note}</p>}
      <h3>Funnel (unique leads)</h3>
      <table class="funnel" id="funnel">
        <caption>Leads reached at each stage, of {data.funnel.sent} contacted</caption>
        <tbody>
          {STAGES.map(([key, label]) => (
            <tr key={key} data-stage={key}>
              <th scope="row">{label}</th>
              <td class="num" data-value={data.funnel[key]}>
                {data.funnel[key]}
              </td>
              <td class="num">{pct(data.funnel[key], data.funnel.sent)}</td>
              <td class="barcell" aria-hidden="true">
                <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="presentation">
                  <rect class={`bar-${key}`} width={(100 * data.funnel[key]) / max} height="10" />
                </svg>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="note">
        Opens are inflated: mail servers and privacy features (e.g. Apple Mail) prefetch tracking images,
        counting an open nobody made. Judge by replies and clicks.
      </p>
      <h3>Per step and variant (events, as Instantly numbers them: step 1, variant A first)</h3>
      <table id="steps">
        <caption>E-mails by sequence step and A/B variant</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Variant</th>
            <th scope="col">Sent</th>
            <th scope="col">Opened</th>
            <th scope="col">Clicked</th>
            <th scope="col">Replied</th>
            <th scope="col">Reply rate</th>
          </tr>
        </thead>
        <tbody>
          {data.steps.map((s) => (
            <tr key={`${s.step}:${s.variant}`}>
              <td class="num">{s.step}</td>
              <td>{s.variant === null ? '—' : String.fromCharCode(64 + s.variant)}</td>
              <td class="num">{s.sent}</td>
              <td class="num">
                {s.opened} ({pct(s.opened, s.sent)})
              </td>
              <td class="num">
                {s.clicked} ({pct(s.clicked, s.sent)})
              </td>
              <td class="num">{s.replied}</td>
              <td class="num">{pct(s.replied, s.sent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Daily trend (events per UTC day, last 30 days)</h3>
      {daily ? <Trend points={daily} /> : <p>Loading the trend…</p>}
      <h3>Drift from Instantly’s own figures</h3>
      <ul>
        {data.exports.map((e) => (
          <li key={e.exportId}>
            {e.instantlyCampaignName}: {driftWords(e.lastDrift)}
          </li>
        ))}
      </ul>
    </section>
  );
}

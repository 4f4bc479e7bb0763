import { useEffect, useState } from 'preact/hooks';
import { ERROR_TYPES } from '../../../contracts/errors';
import { api, plainError } from '../api';
import { Status } from './campaigns';

interface ExportDocument {
  exportId: string;
  campaignId: string;
  instantlyCampaignName: string;
  status: 'running' | 'completed' | 'failed' | 'cancelled';
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
    timezone: { requested: string | null; used: string | null; substituted: boolean };
    activated: boolean;
    error: { type: string; message: string } | null;
  } | null;
}

const STEP_WORDS = new Map([
  ['queued', 'Waiting for a worker'],
  ['preflight', 'Checking the leads'],
  ['creating_campaign', 'Creating the campaign in Instantly'],
  ['uploading', 'Uploading leads'],
  ['activating', 'Activating the campaign'],
  ['recording', 'Recording the result'],
  ['done', 'Done'],
]);

// What to do about each typed failure, in plain words (unknown types fall back to the message alone).
const ADVICE = new Map<string, string>([
  [
    ERROR_TYPES.noEligibleLeads,
    'No lead could be exported: add e-mail addresses or fill the variables the template uses.',
  ],
  [
    ERROR_TYPES.instantlyAuth,
    'Instantly refused the API key: set a valid key under Settings, then export again.',
  ],
  [
    ERROR_TYPES.instantlyNotConfigured,
    'No Instantly API key is set: add one under Settings, then export again.',
  ],
  [
    ERROR_TYPES.instantlyValidation,
    'Instantly refused the campaign settings: check senders, schedule and template.',
  ],
  [ERROR_TYPES.instantlyRateLimited, 'Instantly asked us to slow down: export again in a few minutes.'],
  [
    ERROR_TYPES.instantlyUnavailable,
    'Instantly could not be reached: export again later; leads are never sent twice.',
  ],
  [
    ERROR_TYPES.invalidExportRequest,
    'The export settings were refused: open the export dialog again and correct them.',
  ],
  ['WorkflowEnded', 'The export stopped unexpectedly: export again; the same leads are not sent twice.'],
]);

/** Instantly's own page for a campaign. */
export const instantlyCampaignUrl = (id: string): string =>
  `https://app.instantly.ai/app/campaign/${encodeURIComponent(id)}/analytics`;

/** An export, live: polls GET /api/exports/:id every second while it runs; the result with links; cancel. */
export function ExportPage({ id }: { id: string }) {
  const [doc, setDoc] = useState<ExportDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const d = await api<ExportDocument>('GET', `/api/exports/${id}`);
        if (stop) return;
        setDoc(d);
        setError(null);
        if (d.status === 'running') timer = setTimeout(() => void poll(), 1000);
      } catch (err) {
        if (!stop) setError(plainError(err));
        if (!stop) timer = setTimeout(() => void poll(), 3000);
      }
    };
    void poll();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [id]);
  const cancel = async () => {
    try {
      await api('POST', `/api/exports/${id}/cancel`);
    } catch (err) {
      setError(plainError(err));
    }
  };
  if (!doc)
    return error ? (
      <p role="alert" class="error">
        {error}
      </p>
    ) : (
      <p>Loading…</p>
    );
  const counters = doc.result?.counters ?? doc.progress?.counters ?? {};
  const p = doc.progress;
  return (
    <>
      <p>
        <a href={`#/campaigns/${doc.campaignId}`}>← Back to the campaign</a>
      </p>
      <h1>Export: {doc.instantlyCampaignName}</h1>
      <p id="export-status" aria-live="polite">
        Status: <Status status={doc.status} />
        {p && ` — ${STEP_WORDS.get(p.step) ?? p.step}, batch ${p.batchesDone} of ${p.batchesTotal}`}
      </p>
      {p && p.batchesTotal > 0 && (
        <progress max={p.batchesTotal} value={p.batchesDone} aria-label="Batches uploaded" />
      )}
      <table>
        <caption>Leads</caption>
        <tbody>
          {[
            'eligible',
            'rejected',
            'alreadyExported',
            'sent',
            'uploaded',
            'duplicate',
            'invalid',
            'blocklisted',
            'skipped',
          ].map((k) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td class="num">{counters[k] ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {doc.status === 'running' && (
        <button type="button" class="secondary" onClick={() => void cancel()}>
          Cancel export
        </button>
      )}
      {doc.result?.error && (
        <div role="alert" class="error">
          <p>
            The export {doc.status}: {doc.result.error.message}
          </p>
          <p>
            {ADVICE.get(doc.result.error.type) ?? 'Check the message above, correct it and export again.'}
          </p>
        </div>
      )}
      {doc.result?.timezone.substituted && (
        <p class="note">
          Timezone {doc.result.timezone.requested} was sent to Instantly as {doc.result.timezone.used}.
        </p>
      )}
      <ul class="links">
        {doc.result?.instantlyCampaignId && (
          <li>
            <a
              id="instantly-link"
              href={instantlyCampaignUrl(doc.result.instantlyCampaignId)}
              target="_blank"
              rel="noreferrer noopener"
            >
              Open the campaign in Instantly{doc.result.activated ? ' (active)' : ' (draft)'}
            </a>
          </li>
        )}
        <li>
          <a id="temporal-link" href={doc.temporalUiUrl} target="_blank" rel="noreferrer noopener">
            Open the workflow in the Temporal Web UI
          </a>
        </li>
        <li>
          <a href={`#/campaigns/${doc.campaignId}/analytics`}>See the campaign's analytics</a>
        </li>
      </ul>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { api, plainError } from '../api';
import { AnalyticsTab } from './analytics';
import { Status } from './campaigns';
import { EventsTab, RepliesTab } from './inbox';
import { ExportModal } from './export-modal';

interface Campaign {
  id: string;
  name: string;
  businessCount: number;
}
export interface ExportDoc {
  exportId: string;
  status: string;
  instantlyCampaignName: string;
  createdAt: string;
  temporalUiUrl: string;
  result: { instantlyCampaignId: string | null; counters: Record<string, number> } | null;
}

const TABS = [
  ['exports', 'Exports'],
  ['analytics', 'Analytics'],
  ['replies', 'Reply inbox'],
  ['events', 'Event log'],
] as const;

/** One campaign: export history (and the export button), analytics, reply inbox, event log. */
export function CampaignPage({ id, tab }: { id: string; tab: string }) {
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<Campaign>('GET', `/api/campaigns/${id}`).then(setCampaign, (e) => setError(plainError(e)));
  }, [id]);
  // The tabs render at once (their own requests start in parallel with this one): the analytics funnel does
  // not wait for the campaign's name and business count.
  return (
    <>
      <p>
        <a href="#/">← All campaigns</a>
      </p>
      <h1>{campaign?.name ?? 'Campaign'}</h1>
      {error ? (
        <p role="alert" class="error">
          {error}
        </p>
      ) : (
        <p>{campaign ? `${campaign.businessCount} businesses` : 'Loading…'}</p>
      )}
      <nav class="tabs" aria-label="Campaign sections">
        {TABS.map(([key, label]) => (
          <a key={key} href={`#/campaigns/${id}/${key}`} aria-current={tab === key ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      {tab === 'analytics' ? (
        <AnalyticsTab campaignId={id} />
      ) : tab === 'replies' ? (
        <RepliesTab campaignId={id} />
      ) : tab === 'events' ? (
        <EventsTab campaignId={id} />
      ) : (
        campaign && <ExportsTab campaign={campaign} />
      )}
    </>
  );
}

function ExportsTab({ campaign }: { campaign: Campaign }) {
  const [items, setItems] = useState<ExportDoc[] | null>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ items: ExportDoc[] }>('GET', `/api/campaigns/${campaign.id}/exports`).then(
      (r) => setItems(r.items),
      (e) => setError(plainError(e)),
    );
  }, [campaign.id]);
  return (
    <section aria-labelledby="exports-h">
      <h2 id="exports-h">Export history</h2>
      <button type="button" onClick={() => setOpen(true)}>
        Export to Instantly
      </button>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {items && items.length === 0 && <p>Not exported yet.</p>}
      {items && items.length > 0 && (
        <table>
          <caption>Exports of this campaign, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Instantly campaign</th>
              <th scope="col">Status</th>
              <th scope="col">Uploaded</th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {items.map((x) => (
              <tr key={x.exportId}>
                <td>
                  <a href={`#/exports/${x.exportId}`}>{x.instantlyCampaignName}</a>
                </td>
                <td>
                  <Status status={x.status} />
                </td>
                <td class="num">{x.result?.counters.uploaded ?? '—'}</td>
                <td>{new Date(x.createdAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && <ExportModal campaign={campaign} onClose={() => setOpen(false)} />}
    </section>
  );
}

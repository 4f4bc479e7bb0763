import { useEffect, useState } from 'preact/hooks';
import { WEBHOOK_PAYLOAD_EVENT_TYPES } from '../../../contracts/instantly-event-types';
import { api, plainError } from '../api';

interface Reply {
  id: string;
  email: string | null;
  businessId: string | null;
  replyText: string | null;
  replySubject: string | null;
  repliedAt: string;
  uniboxUrl: string | null;
  business?: string;
}
interface LogEvent {
  id: string;
  type: string;
  occurredAt: string;
  leadEmail: string | null;
  step: number | null;
  variant: number | null;
  source: string;
}
type Page<T> = { items: T[]; nextCursor: string | null };

/** Only http(s) links from event payloads become links (a `javascript:` URL never does). */
const safeUrl = (u: string | null): string | null => (u && /^https:\/\//i.test(u) ? u : null);

/** The reply inbox, newest first, cursor-paged ("older replies"). */
export function RepliesTab({ campaignId }: { campaignId: string }) {
  const [items, setItems] = useState<Reply[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = (cursor: string | null) =>
    api<Page<Reply>>(
      'GET',
      `/api/campaigns/${campaignId}/replies?limit=50${cursor ? `&cursor=${cursor}` : ''}`,
    ).then(
      (p) => {
        setItems((old) => (cursor ? [...old, ...p.items] : p.items));
        setNext(p.nextCursor);
      },
      (e) => setError(plainError(e)),
    );
  useEffect(() => void load(null), [campaignId]);
  return (
    <section aria-labelledby="replies-h">
      <h2 id="replies-h">Reply inbox</h2>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {items.length === 0 && !error && <p>No replies yet.</p>}
      <ol class="replies" id="replies">
        {items.map((r) => {
          const unibox = safeUrl(r.uniboxUrl);
          return (
            <li key={r.id} class="reply">
              <p>
                <strong>{r.replySubject ?? '(no subject)'}</strong> — {r.email ?? 'erased lead'} —{' '}
                <time dateTime={r.repliedAt}>{new Date(r.repliedAt).toLocaleString()}</time>
              </p>
              <blockquote>{r.replyText ?? '(no text)'}</blockquote>
              {unibox && (
                <a href={unibox} target="_blank" rel="noreferrer noopener">
                  Answer in Instantly’s Unibox
                </a>
              )}
            </li>
          );
        })}
      </ol>
      {next && (
        <button type="button" class="secondary" onClick={() => void load(next)}>
          Older replies
        </button>
      )}
    </section>
  );
}

/** The event log: filter by type and lead e-mail, cursor paging. */
export function EventsTab({ campaignId }: { campaignId: string }) {
  const [type, setType] = useState('');
  const [lead, setLead] = useState('');
  const [applied, setApplied] = useState({ type: '', lead: '' });
  const [items, setItems] = useState<LogEvent[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = (cursor: string | null, f = applied) => {
    const q = new URLSearchParams({ limit: '50' });
    if (f.type) q.set('type', f.type);
    if (f.lead.trim()) q.set('lead', f.lead.trim());
    if (cursor) q.set('cursor', cursor);
    return api<Page<LogEvent>>('GET', `/api/campaigns/${campaignId}/events?${q}`).then(
      (p) => {
        setItems((old) => (cursor ? [...old, ...p.items] : p.items));
        setNext(p.nextCursor);
        setError(null);
      },
      (e) => setError(plainError(e)),
    );
  };
  useEffect(() => void load(null), [campaignId]);
  const filter = (e: Event) => {
    e.preventDefault();
    const f = { type, lead };
    setApplied(f);
    void load(null, f);
  };
  return (
    <section aria-labelledby="events-h">
      <h2 id="events-h">Event log</h2>
      <form class="toolbar" onSubmit={filter} aria-label="Filter events">
        <label for="ev-type">Type</label>
        <select id="ev-type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
          <option value="">all types</option>
          {WEBHOOK_PAYLOAD_EVENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <label for="ev-lead">Lead e-mail</label>
        <input id="ev-lead" type="search" value={lead} onInput={(e) => setLead(e.currentTarget.value)} />
        <button type="submit">Filter</button>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <table id="events">
        <caption>{items.length} events shown, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Type</th>
            <th scope="col">Lead</th>
            <th scope="col">Step</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <td>{new Date(e.occurredAt).toLocaleString()}</td>
              <td>{e.type}</td>
              <td>{e.leadEmail ?? '—'}</td>
              <td class="num">{e.step ?? '—'}</td>
              <td>{e.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next && (
        <button type="button" class="secondary" onClick={() => void load(next)}>
          Older events
        </button>
      )}
    </section>
  );
}

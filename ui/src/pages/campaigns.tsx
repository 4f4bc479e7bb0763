import { useEffect, useState } from 'preact/hooks';
import { api, plainError } from '../api';
import type { CheckedCsv } from '../csv-import';

// The CSV checker carries zod (about half the bundle): loaded only when a file is picked, so the other pages
// (analytics above all) parse less script before their first paint.
const csvTools = () => import('../csv-import');
import { go } from '../router';

interface Item {
  id: string;
  name: string;
  createdAt: string;
  businesses: number;
  withEmail: number;
  lastExport: { id: string; status: string; instantlyCampaignId: string | null; createdAt: string } | null;
}

/** Campaigns: the list (name filter, cursor paging) and "new campaign from a CSV". */
export function CampaignsPage() {
  const [items, setItems] = useState<Item[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = async (cursor: string | null, query: string) => {
    try {
      const params = new URLSearchParams({ limit: '50' });
      if (cursor) params.set('cursor', cursor);
      if (query.trim()) params.set('q', query.trim());
      const page = await api<{ items: Item[]; nextCursor: string | null }>('GET', `/api/campaigns?${params}`);
      setItems((old) => (cursor ? [...old, ...page.items] : page.items));
      setNext(page.nextCursor);
      setError(null);
    } catch (err) {
      setError(plainError(err));
    }
  };
  useEffect(() => void load(null, q), [q]);
  return (
    <>
      <h1>Campaigns</h1>
      <div class="toolbar">
        <label for="campaign-search">Search by name</label>
        <input id="campaign-search" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      </div>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <table>
        <caption>Your campaigns, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Businesses</th>
            <th scope="col">With e-mail</th>
            <th scope="col">Last export</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <td>
                <a href={`#/campaigns/${c.id}`}>{c.name}</a>
              </td>
              <td class="num">{c.businesses}</td>
              <td class="num">
                {c.withEmail} ({c.businesses ? Math.round((100 * c.withEmail) / c.businesses) : 0} %)
              </td>
              <td>{c.lastExport ? <Status status={c.lastExport.status} /> : 'never exported'}</td>
              <td>{new Date(c.createdAt).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length === 0 && !error && <p>No campaigns yet: create one from a CSV below.</p>}
      {next && (
        <button type="button" class="secondary" onClick={() => void load(next, q)}>
          Load more
        </button>
      )}
      <CsvUpload />
    </>
  );
}

/** A status as a word and a symbol, never colour alone. */
export function Status({ status }: { status: string }) {
  const symbol = status === 'completed' ? '✓' : status === 'running' ? '…' : status === 'failed' ? '✕' : '•';
  return (
    <span class={`status status-${status}`}>
      <span aria-hidden="true">{symbol} </span>
      {status}
    </span>
  );
}

function CsvUpload() {
  const [name, setName] = useState('');
  const [checked, setChecked] = useState<CheckedCsv | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onFile = async (file: File | undefined) => {
    setError(null);
    if (!file) return setChecked(null);
    if (!name) setName(file.name.replace(/\.csv$/i, ''));
    const { checkCsv } = await csvTools();
    setChecked(checkCsv(await file.text()));
  };
  const create = async () => {
    if (!checked) return;
    setBusy(true);
    try {
      const { toNdjson } = await csvTools();
      const made = await api<{ id: string }>(
        'POST',
        '/api/campaigns/import',
        toNdjson(name.trim(), checked.rows),
        'application/x-ndjson',
      );
      go(`campaigns/${made.id}`);
    } catch (err) {
      setError(plainError(err));
    } finally {
      setBusy(false);
    }
  };
  const ok = checked && checked.errors.length === 0 && checked.rows.length > 0 && name.trim() !== '';
  return (
    <section aria-labelledby="upload-h">
      <h2 id="upload-h">New campaign from a CSV</h2>
      <p class="hint">
        Columns: name, email, first_name, last_name, category, city, state, rating, reviews_count, website,
        phone, icebreaker, subject_line. Nothing is written until you press “Create campaign”.
      </p>
      <div class="field">
        <label for="csv-file">CSV file</label>
        <input
          id="csv-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => void onFile(e.currentTarget.files?.[0])}
        />
      </div>
      <div class="field">
        <label for="csv-name">Campaign name</label>
        <input id="csv-name" value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      {checked && (
        <div class="preview">
          <p>
            {checked.total} rows read: {checked.rows.length} valid, {checked.errors.length} with errors.
          </p>
          {checked.errors.length > 0 && (
            <div role="alert">
              <h3>Rows to fix before importing</h3>
              <ul class="errors">
                {checked.errors.slice(0, 50).map((e) => (
                  <li key={e.row}>
                    Line {e.row}: {e.problems.join('; ')}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <table>
            <caption>First rows</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">First name</th>
                <th scope="col">City</th>
                <th scope="col">Icebreaker</th>
              </tr>
            </thead>
            <tbody>
              {checked.rows.slice(0, 5).map((r, i) => (
                <tr key={i}>
                  <td>{r.name}</td>
                  <td>{r.email ?? '—'}</td>
                  <td>{r.first_name ?? '—'}</td>
                  <td>{r.city ?? '—'}</td>
                  <td>{r.icebreaker ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <button type="button" disabled={!ok || busy} onClick={() => void create()}>
        Create campaign
      </button>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}

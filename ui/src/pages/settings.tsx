import { useEffect, useState } from 'preact/hooks';
import { api, plainError } from '../api';

interface Settings {
  configured: boolean;
  source: string | null;
  apiKeyLast4: string | null;
  apiKeyAgeDays: number | null;
  apiKeyMaxAgeDays: number;
  warnings: string[];
  webhook: { id: string | null; status: string | null; checkedAt: string | null };
}

/** Settings: Instantly API key (store, test, age), webhook registration and its health. */
export function SettingsPage() {
  const [s, setS] = useState<Settings | null>(null);
  const [key, setKey] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    api<Settings>('GET', '/api/settings/instantly').then(setS, (e) => setError(plainError(e)));
  useEffect(() => void load(), []);
  const act = async (what: () => Promise<string>) => {
    setMsg(null);
    setError(null);
    try {
      setMsg(await what());
      await load();
    } catch (err) {
      setError(plainError(err));
    }
  };
  const save = (e: Event) => {
    e.preventDefault();
    void act(async () => {
      const r = await api<{ connection: { ok: boolean; error?: string } }>('PUT', '/api/settings/instantly', {
        apiKey: key.trim(),
      });
      setKey('');
      return r.connection.ok
        ? 'Key saved; Instantly accepted it.'
        : `Key saved, but Instantly refused it: ${r.connection.error}`;
    });
  };
  const test = () =>
    act(async () => {
      const r = await api<{ ok: boolean; error?: string }>('POST', '/api/settings/instantly/test');
      return r.ok ? 'Connection to Instantly works.' : `Instantly refused the connection: ${r.error}`;
    });
  const register = () =>
    act(async () => {
      const r = await api<{ webhookId: string; status: string; test: { success: boolean | null } }>(
        'POST',
        '/api/instantly/webhooks',
      );
      return `Webhook ${r.webhookId} is ${r.status}; test delivery ${r.test.success ? 'succeeded' : 'failed'}.`;
    });
  return (
    <>
      <h1>Settings</h1>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {msg && <p role="status">{msg}</p>}
      <section aria-labelledby="key-h">
        <h2 id="key-h">Instantly API key</h2>
        {s && (
          <p>
            {s.configured
              ? `A key is set (…${s.apiKeyLast4 ?? '????'}, from ${s.source}${s.apiKeyAgeDays !== null ? `, ${s.apiKeyAgeDays} days old; rotate every ${s.apiKeyMaxAgeDays} days` : ''}).`
              : 'No usable key: exports cannot run until you add one.'}
          </p>
        )}
        {s?.warnings.map((w) => (
          <p key={w} class="warning">
            ⚠ {w}
          </p>
        ))}
        <form onSubmit={save}>
          <label for="api-key">New Instantly API key</label>
          <input
            id="api-key"
            type="password"
            autocomplete="off"
            value={key}
            onInput={(e) => setKey(e.currentTarget.value)}
          />
          <button type="submit" disabled={key.trim().length < 8}>
            Save key
          </button>
        </form>
        <button type="button" class="secondary" onClick={() => void test()}>
          Test connection
        </button>
      </section>
      <section aria-labelledby="hook-h">
        <h2 id="hook-h">Engagement webhook</h2>
        <p>
          {s?.webhook.id
            ? `Webhook ${s.webhook.id}: ${s.webhook.status ?? 'unknown'} (checked ${s.webhook.checkedAt ? new Date(s.webhook.checkedAt).toLocaleString() : 'never'}).`
            : 'No webhook registered: engagement arrives only by polling until you register one.'}
        </p>
        <button type="button" onClick={() => void register()}>
          Register or check the webhook
        </button>
      </section>
    </>
  );
}

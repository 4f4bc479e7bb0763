import { useState } from 'preact/hooks';
import { api, plainError, setToken } from '../api';

/** Sign-in with the organization's API token (checked against GET /api/whoami, then kept in sessionStorage). */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [token, setTok] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('GET', '/api/whoami', undefined, undefined, token.trim());
      setToken(token.trim());
      onSignedIn();
    } catch (err) {
      setError(plainError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="signin">
      <h1>Instantly Bridge</h1>
      <form onSubmit={(e) => void submit(e)}>
        <label for="token">Organization API token</label>
        <input
          id="token"
          type="password"
          autocomplete="off"
          required
          value={token}
          onInput={(e) => setTok(e.currentTarget.value)}
        />
        <p class="hint">Kept only for this browser tab; signing out or closing the tab forgets it.</p>
        <button type="submit" disabled={busy}>
          Sign in
        </button>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}

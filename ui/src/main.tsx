import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { clearToken, getToken, setUnauthorizedHandler } from './api';
import { go, useRoute } from './router';
import { CampaignPage } from './pages/campaign';
import { CampaignsPage } from './pages/campaigns';
import { ExportPage } from './pages/export-view';
import { SettingsPage } from './pages/settings';
import { SignIn } from './pages/sign-in';

function App() {
  const [token, setTok] = useState(getToken());
  const route = useRoute();
  const signOut = () => {
    clearToken();
    setTok(null);
    go('');
  };
  useEffect(() => setUnauthorizedHandler(signOut), []);
  if (!token) return <SignIn onSignedIn={() => setTok(getToken())} />;
  const [section, id, tab] = route;
  let page;
  if (section === 'campaigns' && id) page = <CampaignPage id={id} tab={tab ?? 'exports'} />;
  else if (section === 'exports' && id) page = <ExportPage id={id} />;
  else if (section === 'settings') page = <SettingsPage />;
  else page = <CampaignsPage />;
  return (
    <>
      <header class="top">
        <a class="brand" href="#/">
          Instantly Bridge
        </a>
        <nav aria-label="Main">
          <a href="#/" aria-current={!section || section === 'campaigns' ? 'page' : undefined}>
            Campaigns
          </a>
          <a href="#/settings" aria-current={section === 'settings' ? 'page' : undefined}>
            Settings
          </a>
        </nav>
        <button type="button" class="secondary" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main">{page}</main>
    </>
  );
}

render(<App />, document.getElementById('app')!);

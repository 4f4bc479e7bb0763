/**
 * n8n's public REST API (`/api/v1`) on a running instance: needs the owner set up and an API key first
 * (n8n-e2e.md pitfall 17). Used to read executions (with run data) and to (de)activate workflows live.
 */
import type { N8nRunResult } from './n8n-runner';

export interface N8nExecution {
  id: string;
  status: string;
  mode: string;
  workflowId: string;
  data?: N8nRunResult['data'];
}

export interface PublicApi {
  key: string;
  /** The owner's editor session (n8n-auth cookie), for the editor's own endpoints such as /types/nodes.json. */
  cookie: string;
  /** GET of an editor (non-public-API) path with the owner's session, e.g. `/types/nodes.json`. */
  editorGet<T>(path: string): Promise<T>;
  /** POST to an editor endpoint with the owner's session (e.g. /rest/dynamic-node-parameters/…); returns `data`. */
  editorPost<T>(path: string, body: unknown): Promise<T>;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  /** Activation on a running instance: the webhook is live at once, no restart (pitfall 12). */
  activate(workflowId: string): Promise<void>;
  deactivate(workflowId: string): Promise<void>;
  /** ALL executions of a workflow (every page), newest first, with their run data. */
  listExecutions(workflowId: string): Promise<N8nExecution[]>;
}

const OWNER = {
  email: 'owner@example.com',
  firstName: 'E2E',
  lastName: 'Owner',
  password: 'Passw0rd-e2e-123',
};
const SCOPES = [
  'workflow:read',
  'workflow:activate',
  'workflow:deactivate',
  'execution:read',
  'execution:list',
];

/** POST /rest/owner/setup (fresh instance only), then POST /rest/api-keys with the session cookie. */
export async function enablePublicApi(baseUrl: string): Promise<PublicApi> {
  const setup = await fetch(`${baseUrl}/rest/owner/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(OWNER),
  });
  if (setup.status !== 200) throw new Error(`owner setup: ${setup.status} ${await setup.text()}`);
  const cookie = setup.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const keyRes = await fetch(`${baseUrl}/rest/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ label: 'e2e', expiresAt: null, scopes: SCOPES }),
  });
  const keyBody = (await keyRes.json()) as { data?: { rawApiKey?: string } };
  const key = keyBody.data?.rawApiKey;
  if (!key) throw new Error(`api key: ${keyRes.status} ${JSON.stringify(keyBody)}`);
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { 'X-N8N-API-KEY': key, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`${method} /api/v1${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const wf = (id: string): string => `/workflows/${encodeURIComponent(id)}`;
  const editorGet = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const editorPost = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { data: T }).data;
  };
  return {
    key,
    cookie,
    editorGet,
    editorPost,
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    activate: async (id) => void (await call('POST', `${wf(id)}/activate`)),
    deactivate: async (id) => void (await call('POST', `${wf(id)}/deactivate`)),
    listExecutions: async (id) => {
      const all: N8nExecution[] = [];
      let cursor: string | null | undefined;
      do {
        const page = await call<{ data: N8nExecution[]; nextCursor?: string | null }>(
          'GET',
          `/executions?workflowId=${encodeURIComponent(id)}&includeData=true&limit=250` +
            (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''),
        );
        all.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    },
  };
}

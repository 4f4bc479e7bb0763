import { ApiError } from '../core/errors';
import type { SimState } from '../state/store';
import type { WorkspaceState } from '../state/workspace';

/**
 * Resolves `Authorization: Bearer <key>` to a workspace. Missing → 401 `Missing Authorization header` (docs
 * example); not a Bearer token → 401 `Invalid authorization header` (IEXDG); a key outside the configured
 * `apiKeys` → 401 (message UNCONFIRMED).
 */
export function authenticate(state: SimState, header: string | undefined): WorkspaceState {
  if (header === undefined || header.trim() === '') throw new ApiError(401, 'Missing Authorization header');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const key = match?.[1];
  if (key === undefined) throw new ApiError(401, 'Invalid authorization header');
  const ws = state.authorize(key);
  if (!ws) throw new ApiError(401, 'Invalid API key');
  return ws;
}

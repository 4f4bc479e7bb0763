import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { PrivateTargetPolicy } from './address-policy';
import { checkTargetUrl, resolveChecked, TargetRefused, type HostResolver } from './target';

/** The outcome of one POST: the status, or a short fixed reason (never text from the remote side). */
export type PostResult = { ok: boolean; status: number; reason: string };

/** POSTs to subscriber URLs, refusing targets the policy forbids at connect time. */
export interface OutboundPoster {
  post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<PostResult>;
  /** Closes kept-alive sockets. */
  close(): void;
}

/**
 * A net `lookup` that resolves with `resolve`, refuses the name when any address is not allowed, and hands
 * the connect exactly the addresses it checked — so a name cannot resolve to a public address for the check
 * and to 127.0.0.1 for the connect (DNS rebinding).
 */
export function guardedLookup(policy: PrivateTargetPolicy, resolve: HostResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolveChecked(hostname, policy, resolve).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = wanted ? addresses.filter((a) => a.family === wanted) : addresses;
        if (usable.length === 0) return callback(new TargetRefused('host name does not resolve'), '', 0);
        if (options.all) return callback(null, usable);
        return callback(null, usable[0]!.address, usable[0]!.family);
      },
      (err: unknown) => callback(err as NodeJS.ErrnoException, '', 0),
    );
  };
}

/**
 * Builds a poster for one delivery pass (its own keep-alive agents; `close()` when done). Redirects are not
 * followed (a 3xx is a failure): following one would leave the checked target.
 */
export function createOutboundPoster(opts: {
  policy: PrivateTargetPolicy;
  resolve: HostResolver;
  maxSockets?: number;
}): OutboundPoster {
  const lookup = guardedLookup(opts.policy, opts.resolve);
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 8 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 8 }),
  };
  return {
    async post(target, headers, body, timeoutMs) {
      let url: URL;
      try {
        url = checkTargetUrl(target, opts.policy); // IP literals never reach `lookup`: check them here
      } catch (err) {
        return { ok: false, status: 0, reason: refusedReason(err) };
      }
      const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
      const transport = url.protocol === 'https:' ? https : http;
      return new Promise<PostResult>((resolve) => {
        const req = transport.request(
          url,
          {
            method: 'POST',
            agent,
            lookup,
            headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
            signal: AbortSignal.timeout(timeoutMs),
          },
          (res) => {
            const status = res.statusCode ?? 0;
            res.resume(); // the answer's body is never read into memory, logs or history
            res.on('end', () =>
              resolve({ ok: status >= 200 && status < 300, status, reason: `HTTP ${status}` }),
            );
            res.on('error', () => resolve({ ok: false, status, reason: 'connection lost' }));
          },
        );
        req.on('error', (err) => resolve({ ok: false, status: 0, reason: refusedReason(err) }));
        req.end(body);
      });
    },
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

function refusedReason(err: unknown): string {
  if (err instanceof TargetRefused) return `target refused: ${err.message}`;
  if (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError')) return 'timeout';
  return 'network error';
}

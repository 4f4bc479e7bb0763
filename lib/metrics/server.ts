import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registry } from './registry';

/** The metrics endpoint a process runs; `port` is the one it got. */
export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/** Options of {@link startMetricsServer}. */
export interface MetricsServerOptions {
  host: string;
  /** undefined = DEFAULT_METRICS_PORT or, when taken (a second process on the machine), the next free one. */
  port?: number;
  /** More exposition text appended to ours (the worker's Temporal Core metrics); failures are left out. */
  extra?: () => Promise<string>;
}

export const DEFAULT_METRICS_PORT = 9464;
const PORTS_TRIED = 20;

/**
 * Serves GET /metrics (Prometheus text format) on its own port, apart from the API and its token: scrapers
 * reach it on the private network only. An explicit port must be free (the process fails to start otherwise);
 * without one, 9464 and then the next 19 ports are tried.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    void render(options.extra).then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed\n'),
    );
  });
  const candidates =
    options.port !== undefined
      ? [options.port]
      : Array.from({ length: PORTS_TRIED }, (_, i) => DEFAULT_METRICS_PORT + i);
  for (const [i, port] of candidates.entries()) {
    try {
      await listen(server, port, options.host);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || i === candidates.length - 1) throw err;
    }
  }
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function render(extra?: () => Promise<string>): Promise<string> {
  const own = await registry.metrics();
  if (!extra) return own;
  const more = await extra().catch(() => '');
  return more ? `${own.trimEnd()}\n${more}` : own;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

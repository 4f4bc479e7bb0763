import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST a subscriber received (raw body, for signature checks). */
export interface ReceivedDelivery {
  headers: Record<string, string>;
  body: string;
}

/** A local subscriber (stands in for the n8n trigger) that counts deliveries by webhook-id. */
export interface Subscriber {
  url: string;
  /** Set by the test after subscribing. */
  secret: string;
  /** Accepted (2xx) deliveries. */
  received: ReceivedDelivery[];
  /** Requests answered 500 on purpose. */
  rejected: number;
  /** webhook-id of every accepted delivery. */
  ids(): string[];
  /** Accepted deliveries whose webhook-id was seen before. */
  duplicates(): number;
  close(): Promise<void>;
}

const flat = (h: IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]));

/** Starts a subscriber on 127.0.0.1:0; `failFirst` answers the first N requests with 500. */
export async function startSubscriber(opts: { failFirst?: number } = {}): Promise<Subscriber> {
  let failures = opts.failFirst ?? 0;
  const sub: Subscriber = {
    url: '',
    secret: '',
    received: [],
    rejected: 0,
    ids: () => sub.received.map((r) => r.headers['webhook-id']!),
    duplicates: () => sub.ids().length - new Set(sub.ids()).size,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (failures > 0) {
        failures -= 1;
        sub.rejected += 1;
        res.writeHead(500).end('not now');
        return;
      }
      sub.received.push({ headers: flat(req.headers), body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/n8n/webhook`;
  return sub;
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { classifyAddress } from '../../lib/outbound/address-policy';
import { createOutboundPoster } from '../../lib/outbound/post';
import {
  assertTargetAllowed,
  checkTargetUrl,
  TargetRefused,
  type HostResolver,
} from '../../lib/outbound/target';

const publicDns: HostResolver = async () => [{ address: '93.184.216.34', family: 4 }];
const refusal = async (url: string, policy: 'none' | 'loopback' | 'private', dns = publicDns) => {
  try {
    await assertTargetAllowed(url, policy, dns);
    return null;
  } catch (err) {
    if (err instanceof TargetRefused) return err.message;
    throw err;
  }
};

// Every form the outside review got accepted (issue 10 item 6), and a few more of each kind.
const ALWAYS_REFUSED = [
  'http://169.254.169.254/latest/meta-data/',
  'http://169.254.170.2/v2/credentials',
  'http://[fd00:ec2::254]/',
  'http://metadata.google.internal/computeMetadata/v1/',
  'http://METADATA.GOOGLE.INTERNAL./x',
  'http://0x7f000001/',
  'http://2130706433/',
  'http://0/',
  'http://127.1/',
  'http://0177.0.0.1/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:10.0.0.1]/',
  'http://[::]/',
  'http://0.0.0.0:5432/',
  'http://user:pass@hooks.example.com/h',
  'http://@hooks.example.com/h',
  'http://hooks.example.com@127.0.0.1/h',
  'ftp://hooks.example.com/h',
  'http://224.0.0.1/',
  'http://[64:ff9b::7f00:1]/',
  'http://[2002:7f00:1::]/',
];
const LOOPBACK = ['http://127.0.0.1:5432/', 'http://127.9.9.9/', 'http://[::1]:8080/h'];
const PRIVATE = [
  'http://10.0.0.8/',
  'http://172.16.5.4/',
  'http://192.168.1.1/',
  'http://100.64.0.1/', // CGNAT
  'http://169.254.1.1/', // link-local
  'http://[fd12:3456::1]/', // unique-local
  'http://[fe80::1]/',
];

describe('subscription target policy', () => {
  it.each(ALWAYS_REFUSED)('refuses %s under every policy', async (url) => {
    for (const policy of ['none', 'loopback', 'private'] as const) {
      expect(await refusal(url, policy)).toEqual(expect.any(String));
    }
  });

  it.each(LOOPBACK)('refuses loopback %s unless loopback or private targets are allowed', async (url) => {
    expect(await refusal(url, 'none')).toBe('must not point to a loopback address');
    expect(await refusal(url, 'loopback')).toBeNull();
    expect(await refusal(url, 'private')).toBeNull();
  });

  it.each(PRIVATE)('refuses private %s unless private targets are allowed', async (url) => {
    expect(await refusal(url, 'none')).toBe('must not point to a private address');
    expect(await refusal(url, 'loopback')).toBe('must not point to a private address');
    expect(await refusal(url, 'private')).toBeNull();
  });

  it('resolves names at registration: refused when ANY address is internal, or when it does not resolve', async () => {
    const mixed: HostResolver = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.1', family: 4 },
    ];
    expect(await refusal('https://hooks.example.com/h', 'none', mixed)).toBe(
      'must not point to a private address',
    );
    expect(await refusal('https://localhost/h', 'none', async () => [{ address: '::1', family: 6 }])).toBe(
      'must not point to a loopback address',
    );
    const nx: HostResolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(await refusal('https://nowhere.example/h', 'private', nx)).toBe('host name does not resolve');
    expect(await refusal('https://hooks.example.com:8443/n8n/webhook?x=1', 'none')).toBeNull();
    expect(await refusal('https://[2606:4700::1111]/h', 'none')).toBeNull();
  });

  it('classifies addresses by family (IPv4 rules never match IPv6 forms and back)', () => {
    expect(classifyAddress('8.8.8.8')).toBeNull();
    expect(classifyAddress('::ffff:8.8.8.8')).toBe('forbidden');
    expect(classifyAddress('not an ip')).toBe('forbidden');
    expect(checkTargetUrl('http://8.8.8.8/', 'none').hostname).toBe('8.8.8.8');
  });
});

describe('outbound POST (connect-time check, no DNS rebinding)', () => {
  let server: Server;
  let port = 0;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits += 1;
      req.resume();
      req.on('end', () => res.writeHead(500).end('remote says: secret internal detail'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('a name that answered a public address at registration and 127.0.0.1 at delivery is not connected to', async () => {
    let calls = 0;
    const rebinding: HostResolver = async () =>
      calls++ === 0 ? [{ address: '93.184.216.34', family: 4 }] : [{ address: '127.0.0.1', family: 4 }];
    const url = `http://rebind.example:${port}/hook`;
    expect(await refusal(url, 'none', rebinding)).toBeNull(); // registration saw a public address
    const poster = createOutboundPoster({ policy: 'none', resolve: rebinding });
    const before = hits;
    const r = await poster.post(url, {}, '{}', 5_000);
    poster.close();
    expect(r).toEqual({
      ok: false,
      status: 0,
      reason: 'target refused: must not point to a loopback address',
    });
    expect(hits).toBe(before);
  });

  it('connects to exactly the address it checked, and reports only the status of the answer', async () => {
    // rebind.example is not resolvable by the OS here: reaching the server proves our lookup was used.
    const poster = createOutboundPoster({
      policy: 'loopback',
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    const before = hits;
    const r = await poster.post(`http://rebind.example:${port}/hook`, {}, '{"a":1}', 5_000);
    expect(r).toEqual({ ok: false, status: 500, reason: 'HTTP 500' });
    expect(hits).toBe(before + 1);
    // IP literals skip DNS: they are checked before any connect.
    expect(await poster.post(`http://127.0.0.1:${port}/`, {}, '{}', 5_000)).toMatchObject({ status: 500 });
    poster.close();
    const strict = createOutboundPoster({ policy: 'none', resolve: publicDns });
    expect(await strict.post(`http://127.0.0.1:${port}/`, {}, '{}', 5_000)).toEqual({
      ok: false,
      status: 0,
      reason: 'target refused: must not point to a loopback address',
    });
    expect(await strict.post(`http://[::ffff:127.0.0.1]:${port}/`, {}, '{}', 5_000)).toMatchObject({
      ok: false,
      status: 0,
    });
    strict.close();
    expect(hits).toBe(before + 2);
  });
});

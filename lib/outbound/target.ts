import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { refusalFor, type PrivateTargetPolicy } from './address-policy';

/** Resolves a host name to every address it has (the default is the OS resolver, like a connect would). */
export type HostResolver = (host: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: HostResolver = (host) => lookup(host, { all: true, verbatim: true });

/** A target that may not be called; `message` is safe to show the caller (it never echoes a remote answer). */
export class TargetRefused extends Error {
  override name = 'TargetRefused';
}

// Names that reach a cloud metadata service without any DNS (GCE resolves them locally).
const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata.goog', 'metadata']);

/** The host as written between `//` and the first of `/ \ ? #`, without the port (linear, no regex). */
function rawHost(input: string): { authority: string; host: string } {
  const start = input.indexOf('//') + 2;
  let end = start;
  while (end < input.length && !'/\\?#'.includes(input[end]!)) end += 1;
  const authority = input.slice(start, end);
  const host = authority.startsWith('[')
    ? authority.slice(0, authority.indexOf(']') + 1)
    : authority.split(':')[0]!;
  return { authority, host };
}

/**
 * Checks what can be checked without DNS: http(s) only, no userinfo, no metadata names, IP literals only in
 * their canonical dotted/bracketed form (`0x7f000001`, `2130706433`, `0` and `127.1` are refused whatever the
 * policy: they exist to slip past filters) and allowed by `policy`. Returns the parsed URL; throws TargetRefused.
 */
export function checkTargetUrl(input: string, policy: PrivateTargetPolicy): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new TargetRefused('must be an http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TargetRefused('must be an http(s) URL');
  const raw = rawHost(input);
  if (url.username || url.password || raw.authority.includes('@')) {
    throw new TargetRefused('must not contain a user name or password');
  }
  const host = bareHost(url);
  if (METADATA_NAMES.has(host.replace(/\.$/, ''))) throw new TargetRefused('must not be a metadata service');
  const family = isIP(host);
  if (family === 4 && raw.host.toLowerCase() !== host) {
    throw new TargetRefused('must write an IP address in dotted-decimal form');
  }
  if (family !== 0) refuseAddress(host, policy);
  return url;
}

/** The URL's host without IPv6 brackets. */
export function bareHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** Throws TargetRefused when `address` is not allowed under `policy`. */
export function refuseAddress(address: string, policy: PrivateTargetPolicy): void {
  const why = refusalFor(address, policy);
  if (why) throw new TargetRefused(`must not point to ${why}`);
}

/**
 * The full check, for registration: the URL checks plus every address the name resolves to right now.
 * (Delivery checks again at connect time: a name may resolve elsewhere later.)
 */
export async function assertTargetAllowed(
  input: string,
  policy: PrivateTargetPolicy,
  resolve: HostResolver = systemResolver,
): Promise<URL> {
  const url = checkTargetUrl(input, policy);
  const host = bareHost(url);
  if (isIP(host) === 0) await resolveChecked(host, policy, resolve);
  return url;
}

/** Resolves `host` and refuses it when ANY of its addresses is not allowed (a connect may pick any of them). */
export async function resolveChecked(
  host: string,
  policy: PrivateTargetPolicy,
  resolve: HostResolver,
): Promise<{ address: string; family: number }[]> {
  let addresses: { address: string; family: number }[];
  try {
    addresses = await resolve(host);
  } catch {
    throw new TargetRefused('host name does not resolve');
  }
  if (addresses.length === 0) throw new TargetRefused('host name does not resolve');
  for (const a of addresses) refuseAddress(a.address, policy);
  return addresses;
}

import { BlockList, isIP } from 'node:net';

/**
 * Which non-public addresses a subscription may target: `none` (public internet only), `loopback` (also 127/8
 * and ::1 — a developer's n8n on the same machine) or `private` (also RFC 1918, CGNAT, link-local, unique-local).
 * Metadata endpoints, unspecified/multicast/reserved ranges and IPv4-mapped/embedding IPv6 forms are refused
 * under every policy: no legitimate subscriber lives there.
 */
export type PrivateTargetPolicy = 'none' | 'loopback' | 'private';

/** Why an address is not a plain public one; `null` = public. */
export type AddressClass = 'loopback' | 'private' | 'forbidden' | null;

type Family = 'ipv4' | 'ipv6';

// One BlockList per family: Node's BlockList also matches IPv4 addresses against IPv6 rules (as IPv4-mapped),
// which would make the ::ffff:0:0/96 rule swallow every IPv4 address.
function list(entries: [string, number, Family][]): Record<Family, BlockList> {
  const byFamily = { ipv4: new BlockList(), ipv6: new BlockList() };
  for (const [net, prefix, type] of entries) byFamily[type].addSubnet(net, prefix, type);
  return byFamily;
}

const LOOPBACK = list([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
]);

const PRIVATE = list([
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'], // CGNAT
  ['169.254.0.0', 16, 'ipv4'], // link-local
  ['fc00::', 7, 'ipv6'], // unique-local
  ['fe80::', 10, 'ipv6'], // link-local
]);

const FORBIDDEN = list([
  // Cloud metadata services: credentials live there, whatever the private-target setting says.
  ['169.254.169.254', 32, 'ipv4'],
  ['169.254.170.2', 32, 'ipv4'], // AWS ECS task metadata
  ['100.100.100.200', 32, 'ipv4'], // Alibaba Cloud
  ['fd00:ec2::254', 128, 'ipv6'],
  // Not a host anyone should POST lead data to.
  ['0.0.0.0', 8, 'ipv4'], // "this network"; Linux connects 0.0.0.0 to loopback
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved + broadcast
  ['::', 128, 'ipv6'],
  ['::ffff:0:0', 96, 'ipv6'], // IPv4-mapped: an IPv4 target dressed as IPv6
  ['::', 96, 'ipv6'], // IPv4-compatible (deprecated)
  ['64:ff9b::', 96, 'ipv6'], // NAT64: reaches any IPv4 address through the gateway
  ['64:ff9b:1::', 48, 'ipv6'],
  ['100::', 64, 'ipv6'], // discard
  ['2001::', 32, 'ipv6'], // Teredo embeds an IPv4 address
  ['2001:db8::', 32, 'ipv6'], // documentation
  ['2002::', 16, 'ipv6'], // 6to4 embeds an IPv4 address
  ['ff00::', 8, 'ipv6'], // multicast
]);

/** Classifies an IP address literal (no brackets); anything that is not an IP address is `forbidden`. */
export function classifyAddress(address: string): AddressClass {
  const family = isIP(address);
  if (family === 0) return 'forbidden';
  const type: Family = family === 4 ? 'ipv4' : 'ipv6';
  // Loopback first: ::1 also lies in the deprecated IPv4-compatible range (::/96) refused below.
  if (LOOPBACK[type].check(address, type)) return 'loopback';
  if (FORBIDDEN[type].check(address, type)) return 'forbidden';
  if (PRIVATE[type].check(address, type)) return 'private';
  return null;
}

/** Why `address` may not be connected to under `policy`, or null when it may. */
export function refusalFor(address: string, policy: PrivateTargetPolicy): string | null {
  const cls = classifyAddress(address);
  if (cls === null) return null;
  if (cls === 'loopback' && policy !== 'none') return null;
  if (cls === 'private' && policy === 'private') return null;
  return cls === 'forbidden' ? 'a reserved or metadata address' : `a ${cls} address`;
}

/**
 * The n8n versions the e2e suites run against, each with the Node.js it runs on. Every host has its own folder
 * `hosts/<n8n version>/` holding the package.json + committed package-lock.json that ensure-n8n.ts installs.
 *
 * - 2.8.4 on the machine's Node (20.x here): the newest n8n whose engines admit Node 20.
 * - 2.41.1 on Node 24 from the npm registry (scripts/node24.mjs): the newest n8n 2.x that installs here; 2.41.3
 *   (latest) needs `@n8n/agents@0.26.2`, which the registry does not have (ETARGET), and n8n ≥ 2.36 needs Node 24.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export interface N8nHost {
  /** The exact n8n version `n8n --version` must print. */
  n8nVersion: string;
  /** 'machine' = the Node running the tests (or INSTANTLY_BRIDGE_MACHINE_NODE); '24' = scripts/node24.mjs. */
  node: 'machine' | '24';
  /** Folder with the host's package.json + package-lock.json. */
  dir: string;
  /** Minutes one cold install may take on 2 cores (npm ci + sqlite3 compiled from source). */
  installMinutes: number;
}

const hostDir = (version: string): string => join(__dirname, 'hosts', version);

export const N8N_HOST_2_8: N8nHost = {
  n8nVersion: '2.8.4',
  node: 'machine',
  dir: hostDir('2.8.4'),
  installMinutes: 15,
};
export const N8N_HOST_CURRENT: N8nHost = {
  n8nVersion: '2.41.1',
  node: '24',
  dir: hostDir('2.41.1'),
  installMinutes: 20,
};
/** Every host, oldest first: the e2e suites run each case once per entry (describe.each). */
export const N8N_HOSTS: readonly N8nHost[] = [N8N_HOST_2_8, N8N_HOST_CURRENT];

/** jest titles: "n8n 2.8.4 on Node machine" reads badly, so name the runtime. */
export const hostTitle = (host: N8nHost): string =>
  `n8n ${host.n8nVersion} on ${host.node === '24' ? 'Node 24' : "the machine's Node"}`;

const NODE24_SCRIPT = resolve(__dirname, '..', '..', '..', 'scripts', 'node24.mjs');

/**
 * The node binary a host runs on. 'machine' is INSTANTLY_BRIDGE_MACHINE_NODE when set (.ci/run sets it, so the
 * second, Node-24 pass of `npm test` still runs n8n 2.8.4 on the machine's Node 20) else the current process's.
 */
export function hostNodeBinary(host: N8nHost): string {
  if (host.node === 'machine') {
    const pinned = process.env['INSTANTLY_BRIDGE_MACHINE_NODE'];
    return pinned !== undefined && pinned !== '' ? pinned : process.execPath;
  }
  return execFileSync(process.execPath, [NODE24_SCRIPT], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 5 * 60_000,
  }).trim();
}

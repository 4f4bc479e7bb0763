/**
 * CLI entry (`npm run simulator`, e.g. `tsx simulator/main.ts`): starts the simulator and prints its URL.
 * Configuration: `SIMULATOR_PORT` (default 8787) and `SIMULATOR_API_KEYS` (comma list; empty = any key), or
 * `--port N` / `--api-keys a,b` (flags win), read through lib/env.ts like the rest of the service.
 */
import { loadToolEnv } from '../lib/env';
import { startSimulator } from './index';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  // Flags win over the environment; lib/env.ts validates both (port range, key list).
  const flags = Object.fromEntries(
    [
      ['SIMULATOR_PORT', flag('port')],
      ['SIMULATOR_API_KEYS', flag('api-keys')],
    ].filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const env = loadToolEnv(flags);
  const port = env.SIMULATOR_PORT;
  const keys = env.SIMULATOR_API_KEYS ?? [];
  const sim = await startSimulator({
    port,
    host: flag('host') ?? '127.0.0.1',
    apiKeys: keys.length > 0 ? keys : undefined,
  });
  process.stdout.write(`Instantly API v2 simulator listening on ${sim.url}\n`);
  process.stdout.write(`  API:     ${sim.apiUrl}\n  Control: ${sim.url}/_sim/state\n`);
  process.stdout.write(
    keys.length > 0
      ? `  Keys:    ${keys.length} configured\n`
      : '  Keys:    any Bearer token opens its own workspace\n',
  );
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `simulator failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});

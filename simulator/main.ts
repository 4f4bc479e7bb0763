/**
 * CLI entry (`npm run simulator`, e.g. `tsx simulator/main.ts`): starts the simulator and prints its URL.
 * Configuration: `SIMULATOR_PORT` (default 8787) and `SIMULATOR_API_KEYS` (comma list; empty = any key), or
 * `--port N` / `--api-keys a,b` (flags win). This is the only simulator file that reads the environment.
 */
import { startSimulator } from './index';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function parsePort(raw: string | undefined): number {
  const port = Number(raw ?? '8787');
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`SIMULATOR_PORT must be 0-65535, got ${raw ?? ''}`);
  return port;
}

async function main(): Promise<void> {
  const port = parsePort(flag('port') ?? process.env.SIMULATOR_PORT);
  const keys = (flag('api-keys') ?? process.env.SIMULATOR_API_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
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

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
export const LOCAL_TEMPORAL_CLI = path.join(PROJECT_ROOT, '.tools', 'bin', 'temporal');

/**
 * Where the Temporal CLI is, in the documented order: TEMPORAL_CLI_PATH, `temporal` on PATH, then
 * .tools/bin/temporal (built by the postinstall step). Returns null when none exists.
 */
export function findTemporalCli(explicitPath?: string): string | null {
  if (explicitPath) return existsSync(explicitPath) ? explicitPath : null;
  const onPath = whichTemporal();
  if (onPath) return onPath;
  return existsSync(LOCAL_TEMPORAL_CLI) ? LOCAL_TEMPORAL_CLI : null;
}

function whichTemporal(): string | null {
  try {
    const out = execFileSync('sh', ['-c', 'command -v temporal'], { encoding: 'utf8' }).trim();
    return out || null;
  } catch {
    return null;
  }
}

/** The message shown when no Temporal CLI can be found or built. */
export const MISSING_CLI_MESSAGE =
  'No Temporal CLI found. Set TEMPORAL_CLI_PATH, put `temporal` on PATH, or install Go and run ' +
  '`npm run setup:temporal` (builds github.com/temporalio/cli/cmd/temporal@' +
  TEMPORAL_CLI_VERSION +
  ' into .tools/bin). Or point TEMPORAL_ADDRESS at a running cluster.';

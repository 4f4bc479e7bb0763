import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { sleep } from './n8n-process';

/**
 * Runs `work` holding a lock folder (mkdir is atomic), so concurrent jest workers build or install one at a
 * time: the holder works, the others poll every `pollMs`. A lock older than `staleMs` is taken as abandoned;
 * waiting longer than `waitMs` fails naming `what`.
 */
export async function withDirLock<T>(
  lock: string,
  opts: { staleMs: number; waitMs: number; pollMs: number; what: string },
  work: () => Promise<T>,
): Promise<T> {
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + opts.waitMs;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (existsSync(lock) ? statSync(lock).mtimeMs : Date.now());
      if (age > opts.staleMs) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`timed out waiting for ${opts.what} (${lock})`);
      else await sleep(opts.pollMs);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

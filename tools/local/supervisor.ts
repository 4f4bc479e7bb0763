import type { ChildProcess } from 'node:child_process';
import { stopChild } from './temporal-server';

export interface RestartPolicy {
  /** Delay before the first restart; doubles after each crash that follows a short run. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** A process that ran at least this long before crashing counts as healthy: the delay starts over. */
  stableAfterMs: number;
  /** This many crashes in a row, each after a short run, and we give up (a crash loop, e.g. a bad config). */
  maxQuickCrashes: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  maxQuickCrashes: 8,
};

export interface SupervisedProcess {
  name: string;
  /**
   * From now on an exit is not a crash: no restart. Call it on every supervised process as soon as shutdown
   * begins: a terminal's Ctrl-C reaches the whole process group, so a child may exit before its stop() runs.
   */
  halt(): void;
  /** Stops the process (SIGTERM, then SIGKILL) and cancels a pending restart; it is not restarted again. */
  stop(): Promise<void>;
  /** How many times it was restarted after a crash. */
  restarts(): number;
}

export interface SuperviseOptions {
  name: string;
  spawn: () => ChildProcess;
  log: (msg: string) => void;
  /** Called once when the policy gives up on a crash loop. */
  onGiveUp: (why: string) => void;
  policy?: RestartPolicy;
  now?: () => number;
}

/**
 * Keeps one child process running: when it exits on its own (crash, `kill -9`, even exit code 0: the worker and
 * the API are meant to run until we stop them) it is started again after an exponential backoff, and each restart
 * is logged. Only a crash loop ends supervision (onGiveUp), so one dying process no longer takes the stack down.
 */
export function supervise(opts: SuperviseOptions): SupervisedProcess {
  const policy = opts.policy ?? DEFAULT_RESTART_POLICY;
  const now = opts.now ?? Date.now;
  let stopping = false;
  let child: ChildProcess | undefined;
  let timer: NodeJS.Timeout | undefined;
  let restarts = 0;
  let quickCrashes = 0;
  let delay = policy.initialDelayMs;

  const start = () => {
    timer = undefined;
    const startedAt = now();
    const current = opts.spawn();
    child = current;
    current.once('exit', (code, signal) => {
      if (stopping || child !== current) return;
      child = undefined;
      const ranMs = now() - startedAt;
      if (ranMs >= policy.stableAfterMs) {
        quickCrashes = 0;
        delay = policy.initialDelayMs;
      }
      quickCrashes++;
      const why = `${opts.name} exited (${code ?? signal}) after ${ranMs} ms`;
      if (quickCrashes > policy.maxQuickCrashes) {
        opts.log(`${why}; ${policy.maxQuickCrashes} restarts in a row did not help, giving up`);
        opts.onGiveUp(`${opts.name} exited (${code ?? signal})`);
        return;
      }
      opts.log(`${why}; restarting it in ${delay} ms (restart ${restarts + 1})`);
      timer = setTimeout(() => {
        restarts++;
        start();
      }, delay);
      delay = Math.min(delay * 2, policy.maxDelayMs);
    });
  };
  start();

  const halt = () => {
    stopping = true;
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  return {
    name: opts.name,
    restarts: () => restarts,
    halt,
    async stop() {
      halt();
      if (child) await stopChild(child);
      child = undefined;
    },
  };
}

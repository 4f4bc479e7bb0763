import { spawn } from 'node:child_process';
import { supervise, type RestartPolicy } from '../../tools/local/supervisor';

// Real child processes (tiny `node -e` scripts); only the restart delays are shortened.
const policy: RestartPolicy = {
  initialDelayMs: 20,
  maxDelayMs: 80,
  stableAfterMs: 5_000,
  maxQuickCrashes: 4,
};
const node = (code: string) => () => spawn(process.execPath, ['-e', code], { stdio: 'ignore' });

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('supervise (tools/local/supervisor.ts): a crashed child is restarted with backoff', () => {
  it('restarts a SIGKILLed child, logs it, and stop() ends it for good', async () => {
    const logs: string[] = [];
    const pids: number[] = [];
    const gaveUp: string[] = [];
    const sup = supervise({
      name: 'worker',
      spawn: () => {
        const c = node('setInterval(() => {}, 1000)')();
        pids.push(c.pid!);
        return c;
      },
      log: (m) => logs.push(m),
      onGiveUp: (why) => gaveUp.push(why),
      policy,
    });
    await until(() => pids.length === 1);
    process.kill(pids[0]!, 'SIGKILL');
    await until(() => pids.length === 2);
    expect(sup.restarts()).toBe(1);
    expect(logs).toEqual([
      expect.stringMatching(/^worker exited \(SIGKILL\) after \d+ ms; restarting it in 20 ms/),
    ]);
    await sup.stop();
    await new Promise((r) => setTimeout(r, 200));
    expect(pids).toHaveLength(2); // stopping is not a crash: no restart
    expect(() => process.kill(pids[1]!, 0)).toThrow();
    expect(gaveUp).toEqual([]);
  });

  it('doubles the delay up to the cap and gives up on a crash loop', async () => {
    const logs: string[] = [];
    let gaveUp = '';
    const sup = supervise({
      name: 'api',
      spawn: node('process.exit(3)'),
      log: (m) => logs.push(m),
      onGiveUp: (why) => (gaveUp = why),
      policy,
    });
    await until(() => gaveUp !== '');
    expect(gaveUp).toBe('api exited (3)');
    expect(logs.map((l) => /restarting it in (\d+) ms/.exec(l)?.[1])).toEqual([
      '20',
      '40',
      '80',
      '80',
      undefined,
    ]);
    expect(logs.at(-1)).toMatch(/4 restarts in a row did not help, giving up$/);
    expect(sup.restarts()).toBe(4);
    await sup.stop();
  });

  it('halt(): an exit after shutdown began (Ctrl-C reaches every child of the terminal) is not restarted', async () => {
    const pids: number[] = [];
    const logs: string[] = [];
    const sup = supervise({
      name: 'api',
      spawn: () => {
        const c = node('setInterval(() => {}, 1000)')();
        pids.push(c.pid!);
        return c;
      },
      log: (m) => logs.push(m),
      onGiveUp: () => undefined,
      policy,
    });
    await until(() => pids.length === 1);
    sup.halt();
    process.kill(pids[0]!, 'SIGINT');
    await new Promise((r) => setTimeout(r, 500));
    expect(pids).toHaveLength(1);
    expect(logs).toEqual([]);
    await sup.stop(); // the child is gone already: resolves at once
  });

  it('stop() during the backoff cancels the pending restart', async () => {
    let spawned = 0;
    const logs: string[] = [];
    const sup = supervise({
      name: 'simulator',
      spawn: () => (spawned++, node('process.exit(1)')()),
      log: (m) => logs.push(m),
      onGiveUp: () => undefined,
      policy: { ...policy, initialDelayMs: 300 },
    });
    await until(() => logs.length === 1); // crashed; the restart is pending
    await sup.stop();
    await new Promise((r) => setTimeout(r, 500));
    expect(spawned).toBe(1);
  });
});

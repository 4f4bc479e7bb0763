import { groupCommit } from '../../api/services/group-commit';
import { createSignalBatcher } from '../../api/services/signal-batcher';
import type { Client } from '@temporalio/client';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('groupCommit', () => {
  it('runs items arriving together as one batch and gives each caller its own result, in order', async () => {
    const batches: number[][] = [];
    const gc = groupCommit<number, number>(async (items) => {
      batches.push(items);
      return items.map((i) => i * 10);
    });
    const results = await Promise.all([1, 2, 3].map((i) => gc.run(i)));
    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('a failed batch is retried item by item: only the poison item rejects', async () => {
    const calls: number[][] = [];
    const gc = groupCommit<number, number>(async (items) => {
      calls.push(items);
      if (items.includes(2)) throw new Error('poison');
      return items;
    });
    const settled = await Promise.allSettled([1, 2, 3].map((i) => gc.run(i)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(calls).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('with retryAlone false a failed batch rejects every item once, without more calls', async () => {
    let calls = 0;
    const gc = groupCommit<number, void>(
      async () => {
        calls += 1;
        throw new Error('down');
      },
      { retryAlone: false },
    );
    const settled = await Promise.allSettled([1, 2, 3].map((i) => gc.run(i)));
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    expect(calls).toBe(1);
  });

  it('holds at most maxInFlight batches; items arriving meanwhile form the next batch; onIdle when drained', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    let idle = 0;
    const gc = groupCommit<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await new Promise<void>((r) => (release = r));
        return items;
      },
      { maxInFlight: 1, lingerMs: 1, onIdle: () => (idle += 1) },
    );
    const first = gc.run(1);
    await tick(10);
    const later = [2, 3, 4].map((i) => gc.run(i));
    await tick(10);
    expect(batches).toEqual([[1]]);
    expect(idle).toBe(0);
    release();
    await Promise.all([first, ...later]);
    await tick(5);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    expect(idle).toBe(1);
  });

  it('never puts more than maxBatch items in one batch', async () => {
    const sizes: number[] = [];
    const gc = groupCommit<number, number>(
      async (items) => {
        sizes.push(items.length);
        return items;
      },
      { maxBatch: 4 },
    );
    await Promise.all(Array.from({ length: 10 }, (_, i) => gc.run(i)));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10);
  });
});

describe('createSignalBatcher (groupCommit keyed by Instantly campaign)', () => {
  const start = (id: string) => ({ instantlyCampaignId: id, exportId: `x-${id}`, pollIntervalMs: 1000 });

  it('one signalWithStart per campaign carrying all its ids; campaigns are not mixed; a failure rejects its ids', async () => {
    const calls: Array<{ workflowId: string; ids: string[] }> = [];
    const temporal = {
      workflow: {
        signalWithStart: async (
          _t: unknown,
          o: { workflowId: string; signalArgs: [{ eventIds: string[] }] },
        ) => {
          calls.push({ workflowId: o.workflowId, ids: o.signalArgs[0].eventIds });
          if (o.workflowId.endsWith('bad')) throw new Error('refused');
          return {};
        },
      },
    } as unknown as Client;
    const b = createSignalBatcher(temporal, 'q', 5);
    const settled = await Promise.allSettled([
      b.add(start('c1'), '1'),
      b.add(start('c2'), '2'),
      b.add(start('c1'), '3'),
      b.add(start('bad'), '4'),
      b.add(start('bad'), '5'),
    ]);
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
    ]);
    expect(calls.sort((x, y) => x.workflowId.localeCompare(y.workflowId))).toEqual([
      { workflowId: 'engagement/bad', ids: ['4', '5'] },
      { workflowId: 'engagement/c1', ids: ['1', '3'] },
      { workflowId: 'engagement/c2', ids: ['2'] },
    ]);
  });
});

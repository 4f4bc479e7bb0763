import { randomBytes } from 'node:crypto';
import { pgBudgetStore } from '../../lib/instantly/budget-pg';
import { createSharedBudget, type BudgetStore } from '../../lib/instantly/shared-budget';
import { createPrisma, type PrismaClient } from '../../lib/prisma';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

/** The most timestamps in any sliding window of `ms` (sorted input). */
function maxInWindow(times: number[], ms: number): number {
  let best = 0;
  for (let i = 0, j = 0; j < times.length; j += 1) {
    while ((times[j] ?? 0) - (times[i] ?? 0) >= ms) i += 1;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

describe('the PostgreSQL-held Instantly rate budget (real PostgreSQL, several pools as processes)', () => {
  let db: TestDatabase;
  const extra: PrismaClient[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(extra.map((p) => p.$disconnect()));
    await db.drop();
  });

  it('three "processes" with 10 concurrent callers each never start more than the 1 s limit allows', async () => {
    const key = `ws-${randomBytes(4).toString('hex')}`;
    const limits = { perSecond: 20, perMinute: 6000 };
    const starts: number[] = [];
    const runProcess = async () => {
      const prisma = createPrisma(db.url, { max: 3 });
      extra.push(prisma);
      const budget = createSharedBudget({ store: pgBudgetStore(prisma, key, limits) });
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          for (let i = 0; i < 6; i += 1) {
            await budget.take();
            starts.push(Date.now());
          }
        }),
      );
    };
    const t0 = Date.now();
    await Promise.all([runProcess(), runProcess(), runProcess()]);
    starts.sort((a, b) => a - b);
    expect(starts).toHaveLength(180);
    expect(maxInWindow(starts, 1_000)).toBeLessThanOrEqual(20);
    // 180 starts at ≤ 20 per 1.2 s (window + margin + one slice) need ≥ 9.6 s; unused leases cost little more
    expect(Date.now() - t0).toBeGreaterThanOrEqual(8_000);
    expect(Date.now() - t0).toBeLessThan(20_000);
  }, 40_000);

  it('the 60 s window holds across callers: grants stop at the per-minute limit', async () => {
    const key = `ws-${randomBytes(4).toString('hex')}`;
    const stores = [db.prisma, createPrisma(db.url, { max: 2 })].map((p) => {
      if (p !== db.prisma) extra.push(p);
      return pgBudgetStore(p, key, { perSecond: 100, perMinute: 30 });
    });
    let granted = 0;
    for (let i = 0; i < 20; i += 1) {
      const grants = await Promise.all(stores.map((s) => s(5)));
      granted += grants.reduce((n, g) => n + g.granted, 0);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(granted).toBe(30);
  });

  it('a lone process pays about one round trip per several requests when it is busy', async () => {
    const key = `ws-${randomBytes(4).toString('hex')}`;
    let trips = 0;
    const inner = pgBudgetStore(db.prisma, key, { perSecond: 100, perMinute: 6000 });
    const store: BudgetStore = (want) => {
      trips += 1;
      return inner(want);
    };
    const budget = createSharedBudget({ store });
    let done = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = 0; i < 25; i += 1) {
          await budget.take();
          done += 1;
        }
      }),
    );
    expect(done).toBe(200);
    expect(trips).toBeLessThanOrEqual(200 / 3);
  }, 30_000);

  it('a process that dies holding a lease wastes at most that lease, for one window only', async () => {
    const key = `ws-${randomBytes(4).toString('hex')}`;
    const store = pgBudgetStore(db.prisma, key, { perSecond: 10, perMinute: 600 });
    expect((await store(8)).granted).toBe(8); // granted, then the "process" dies without using them
    const next = await store(8);
    expect(next.granted).toBeLessThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 1_700)); // the 1 s window + the 250 ms latency margin + one slice has passed
    expect((await store(8)).granted).toBe(8);
  });

  it('prunes slices older than two minutes', async () => {
    const key = `ws-${randomBytes(4).toString('hex')}`;
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO gmaps_instantly_rate_windows (workspace_key, slice_ms, slice, used) VALUES ($1, 1000, 1, 5)`,
      key,
    );
    const store = pgBudgetStore(db.prisma, key, { perSecond: 100, perMinute: 6000 });
    for (let i = 0; i < 400 && (await rowsOf(db, key)).rows.some((r) => Number(r.slice) === 1); i += 1)
      await store(1);
    expect((await rowsOf(db, key)).rows.some((r) => Number(r.slice) === 1)).toBe(false);
  }, 30_000);
});

async function rowsOf(db: TestDatabase, key: string) {
  const rows = await db.prisma.$queryRawUnsafe<Array<{ slice_ms: number; slice: bigint; used: number }>>(
    `SELECT slice_ms, slice, used FROM gmaps_instantly_rate_windows WHERE workspace_key = $1`,
    key,
  );
  return { rows };
}

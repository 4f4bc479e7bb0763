import { randomUUID } from 'node:crypto';
import { createInstantlyAccounts } from '../../lib/instantly-accounts';
import { LruMap } from '../../lib/lru';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testDeps } from '../helpers/temporal';

// Issue 10 item 7: the client cache grew with every distinct API key ever stored.
describe('Instantly client cache', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db?.drop());

  it('keeps at most maxCachedClients clients, forgetting the least recently used', async () => {
    const { env } = testDeps(db.prisma);
    const accounts = createInstantlyAccounts({ prisma: db.prisma, env, maxCachedClients: 2 });
    const orgs = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, id] of orgs.entries()) {
      await db.prisma.organization.create({ data: { id, name: `org ${i}` } });
      await accounts.saveApiKey(id, `key-${i}-${randomUUID()}`);
    }
    const [a, b, c] = orgs as [string, string, string];
    const a1 = await accounts.forOrganization(a);
    const b1 = await accounts.forOrganization(b);
    expect(await accounts.forOrganization(a)).toBe(a1); // hit; b is now the least recently used
    await accounts.forOrganization(c); // evicts b
    expect(await accounts.forOrganization(a)).toBe(a1);
    expect(await accounts.forOrganization(b)).not.toBe(b1); // rebuilt; evicts c
    // A rotated key gets a new client and the old one ages out instead of staying forever.
    await accounts.saveApiKey(a, `rotated-${randomUUID()}`);
    expect(await accounts.forOrganization(a)).not.toBe(a1);
  });

  it('LruMap never holds more than max entries over 10,000 distinct keys', () => {
    const lru = new LruMap<string, number>(100);
    for (let i = 0; i < 10_000; i++) lru.set(`k${i}`, i);
    expect(lru.size).toBe(100);
    expect(lru.get('k9999')).toBe(9999);
    expect(lru.get('k9899')).toBeUndefined();
    expect(() => new LruMap(0)).toThrow(RangeError);
  });
});

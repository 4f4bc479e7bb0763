import { organizationOfToken } from '../../db/tokens';
import { runOrg, UsageError } from '../../scripts/org';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// Issue 13: `npm run org` does what the admin API does, against the database directly (through db/).
describe('npm run org (organizations and tokens from the command line, real PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db?.drop());

  const run = async (...argv: string[]) => {
    const lines: string[] = [];
    const code = await runOrg(db.prisma, argv, (l) => lines.push(l));
    return { code, lines };
  };

  it('create → token → tokens → revoke, printing each token once and storing only its hash', async () => {
    const created = await run('create', '  Client One  ', '--label', 'n8n');
    expect(created.code).toBe(0);
    const [, organizationId] = /^organization (\S+) {2}Client One$/.exec(created.lines[0]!)!;
    const [, firstId, firstToken] = /^token (\S+) {2}(ibk_\S+)$/.exec(created.lines[1]!)!;
    expect(await organizationOfToken(db.prisma, firstToken!)).toBe(organizationId);
    const stored = await db.prisma.organizationApiToken.findMany({ where: { organizationId } });
    expect(stored.map((t) => t.label)).toEqual(['n8n']);
    expect(JSON.stringify(stored)).not.toContain(firstToken);

    const issued = await run('token', organizationId!);
    const [, secondId, secondToken] = /^token (\S+) {2}(ibk_\S+)$/.exec(issued.lines[0]!)!;
    expect(secondToken).not.toBe(firstToken);

    expect((await run('revoke', organizationId!, firstId!)).lines).toEqual([`revoked ${firstId}`]);
    expect(await organizationOfToken(db.prisma, firstToken!)).toBeNull();
    expect(await organizationOfToken(db.prisma, secondToken!)).toBe(organizationId);

    const tokens = await run('tokens', organizationId!);
    expect(tokens.lines).toHaveLength(2);
    expect(tokens.lines.find((l) => l.startsWith(firstId!))).toMatch(/revoked \S+ {2}n8n$/);
    expect(tokens.lines.find((l) => l.startsWith(secondId!))).toMatch(/ active$/);
    expect(tokens.lines.join('\n')).not.toContain('ibk_');

    const list = await run('list');
    expect(list.lines).toEqual([
      expect.stringMatching(new RegExp(`^${organizationId} .* 1 active token\\(s\\) {2}Client One$`)),
    ]);
  });

  it('refuses bad arguments with a usage error and changes nothing', async () => {
    const before = await db.prisma.organization.count();
    await expect(run('create', '')).rejects.toThrow(UsageError);
    await expect(run('create', 'nul\u0000name')).rejects.toThrow(UsageError);
    await expect(run('token', 'not-a-uuid')).rejects.toThrow('organizationId must be a UUID');
    await expect(run('token', '00000000-0000-4000-8000-00000000abcd')).rejects.toThrow('no organization');
    await expect(run('frobnicate')).rejects.toThrow('unknown command frobnicate');
    expect(await db.prisma.organization.count()).toBe(before);
  });
});

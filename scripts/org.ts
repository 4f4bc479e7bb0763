import path from 'node:path';
import { z } from 'zod';
import { pgText } from '../contracts/schemas/pg-safe';
import { createOrganization, findOrganization, listOrganizations } from '../db/organizations';
import { issueToken, listTokens, revokeToken } from '../db/tokens';
import { loadToolEnv } from '../lib/env';
import { startEmbeddedPostgres } from '../tools/local/postgres';
import { createPrisma, type PrismaClient } from '../lib/prisma';

const USAGE = `usage: npm run org -- create "Name" [--label L] | list | token <organizationId> [--label L]
                     | tokens <organizationId> | revoke <organizationId> <tokenId>`;

const name = pgText(200).trim().min(1, 'must not be empty');
const uuid = z.uuid('must be a UUID');

/** Thrown for bad arguments: the CLI prints the message and the usage and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function parse<T>(schema: z.ZodType<T>, value: string | undefined, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new UsageError(`${what} ${r.error.issues[0]?.message ?? 'is invalid'}`);
  return r.data;
}

/** `--label x` anywhere in the arguments; the rest stay positional. */
function splitLabel(args: string[]): { positional: string[]; label: string | null } {
  const i = args.indexOf('--label');
  if (i < 0) return { positional: args, label: null };
  const label = parse(name, args[i + 1], '--label');
  return { positional: [...args.slice(0, i), ...args.slice(i + 2)], label };
}

/**
 * npm run org: the admin API's operations against the database directly (through db/), for an operator on the
 * host: create an organization (prints its first token, shown once), list them, issue another token, list an
 * organization's tokens (never the tokens themselves), revoke one. Returns the exit code.
 */
export async function runOrg(
  prisma: PrismaClient,
  argv: string[],
  print: (line: string) => void,
): Promise<number> {
  const { positional, label } = splitLabel(argv);
  const [command, a, b] = positional;
  const orgId = async () => {
    const id = parse(uuid, a, 'organizationId');
    if (!(await findOrganization(prisma, id))) throw new UsageError(`no organization ${id}`);
    return id;
  };
  switch (command) {
    case 'create': {
      const created = await createOrganization(prisma, parse(name, a, 'name'), label);
      print(`organization ${created.id}  ${created.name}`);
      print(`token ${created.tokenId}  ${created.apiToken}`);
      print('the token is shown only now: store it (e.g. as the n8n credential of this organization)');
      return 0;
    }
    case 'list':
      for (const o of await listOrganizations(prisma))
        print(`${o.id}  ${o.createdAt}  ${o.activeTokens} active token(s)  ${o.name}`);
      return 0;
    case 'token': {
      const issued = await issueToken(prisma, await orgId(), label);
      print(`token ${issued.tokenId}  ${issued.apiToken}`);
      print('the token is shown only now');
      return 0;
    }
    case 'tokens':
      for (const t of await listTokens(prisma, await orgId()))
        print(
          `${t.id}  created ${t.createdAt.toISOString()}  ` +
            `${t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'active'}  ${t.label ?? ''}`.trimEnd(),
        );
      return 0;
    case 'revoke': {
      const tokenId = parse(uuid, b, 'tokenId');
      if (!(await revokeToken(prisma, await orgId(), tokenId))) throw new UsageError(`no token ${tokenId}`);
      print(`revoked ${tokenId}`);
      return 0;
    }
    default:
      throw new UsageError(command ? `unknown command ${command}` : 'no command');
  }
}

/** DATABASE_URL, or the embedded PostgreSQL under DATA_DIR when unset (like npm run keys:rotate). */
async function main(): Promise<void> {
  const env = loadToolEnv();
  const pg = env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: path.join(env.DATA_DIR, 'pg'), port: env.EMBEDDED_PG_PORT });
  const prisma = createPrisma(env.DATABASE_URL ?? pg!.url, { max: 2 });
  try {
    process.exitCode = await runOrg(prisma, process.argv.slice(2), (line) => console.log(line));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n${USAGE}`);
    process.exitCode = 2;
  } finally {
    await prisma.$disconnect();
    await pg?.stop();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

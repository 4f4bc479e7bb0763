import { DEFAULT_ORGANIZATION_ID, DEFAULT_ORGANIZATION_NAME } from '../contracts/organization';
import type { PrismaClient } from '../lib/prisma';
import { newApiToken, tokenSha256 } from './tokens';

/** An organization as the admin API and the CLI show it. */
export interface OrganizationView {
  id: string;
  name: string;
  createdAt: string;
  /** Tokens that still authenticate (not revoked). */
  activeTokens: number;
}

/** Creates the default organization (API_TOKEN's) when missing; the API does it on start-up. */
export async function ensureDefaultOrganization(prisma: PrismaClient): Promise<void> {
  await prisma.organization.upsert({
    where: { id: DEFAULT_ORGANIZATION_ID },
    create: { id: DEFAULT_ORGANIZATION_ID, name: DEFAULT_ORGANIZATION_NAME },
    update: {},
  });
}

/** Creates an organization with its first token (one statement: never an organization nobody can use). */
export async function createOrganization(
  prisma: PrismaClient,
  name: string,
  label: string | null = null,
): Promise<{ id: string; name: string; tokenId: string; apiToken: string }> {
  const apiToken = newApiToken();
  const row = await prisma.organization.create({
    data: { name, apiTokens: { create: { tokenSha256: tokenSha256(apiToken), label } } },
    select: { id: true, name: true, apiTokens: { select: { id: true } } },
  });
  return { id: row.id, name: row.name, tokenId: row.apiTokens[0]!.id, apiToken };
}

/** One organization's id and name, or null. */
export async function findOrganization(
  prisma: PrismaClient,
  organizationId: string,
): Promise<{ id: string; name: string } | null> {
  return prisma.organization.findUnique({
    where: { id: organizationId },
    select: { id: true, name: true },
  });
}

/** Every organization, oldest first, with its number of active tokens (bounded: `limit`). */
export async function listOrganizations(prisma: PrismaClient, limit = 1000): Promise<OrganizationView[]> {
  const rows = await prisma.organization.findMany({
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: limit,
    select: {
      id: true,
      name: true,
      createdAt: true,
      _count: { select: { apiTokens: { where: { revokedAt: null } } } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.createdAt.toISOString(),
    activeTokens: r._count.apiTokens,
  }));
}

/** The organization's Instantly settings row (key sealed; webhook state), or null. */
export async function findInstantlySettings(prisma: PrismaClient, organizationId: string) {
  return prisma.instantlySettings.findUnique({ where: { organizationId } });
}

/** The organization's write-back switches (issue 16): both off when it has no settings row. */
export async function findWriteBackSwitches(prisma: PrismaClient, organizationId: string) {
  const s = await prisma.instantlySettings.findUnique({
    where: { organizationId },
    select: { interestWriteBack: true, blockListWriteBack: true },
  });
  return {
    interestWriteBack: s?.interestWriteBack ?? false,
    blockListWriteBack: s?.blockListWriteBack ?? false,
  };
}

/** Sets one or both write-back switches (creating the settings row when the organization has none). */
export async function saveWriteBackSwitches(
  prisma: PrismaClient,
  organizationId: string,
  change: { interestWriteBack?: boolean; blockListWriteBack?: boolean },
) {
  return prisma.instantlySettings.upsert({
    where: { organizationId },
    create: { organizationId, ...change },
    update: change,
    select: { interestWriteBack: true, blockListWriteBack: true },
  });
}

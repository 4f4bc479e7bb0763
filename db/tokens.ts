import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../lib/prisma';

/** Prefix of organization tokens: recognisable in a leaked log or config, and never an API_TOKEN lookalike. */
export const TOKEN_PREFIX = 'ibk_';

/** A new bearer token: the prefix + 32 random bytes (256 bits) in base64url. */
export const newApiToken = (): string => `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;

/** The stored form of a token: its hex SHA-256 (a high-entropy token needs no slow hash or salt). */
export const tokenSha256 = (token: string): string => createHash('sha256').update(token).digest('hex');

// last_used_at is written at most this often per token, so authentication is a read, not a write per request.
const TOUCH_EVERY_MS = 60_000;

/** Issues a token for the organization; the clear token is returned here only, never stored. */
export async function issueToken(
  prisma: PrismaClient,
  organizationId: string,
  label: string | null = null,
): Promise<{ tokenId: string; apiToken: string }> {
  const apiToken = newApiToken();
  const row = await prisma.organizationApiToken.create({
    data: { organizationId, tokenSha256: tokenSha256(apiToken), label },
    select: { id: true },
  });
  return { tokenId: row.id, apiToken };
}

/**
 * The organization a presented token belongs to, or null (unknown or revoked). Reads the database every time:
 * a revoked token fails on its very next request, in every API process.
 */
export async function organizationOfToken(prisma: PrismaClient, token: string): Promise<string | null> {
  const row = await prisma.organizationApiToken.findUnique({
    where: { tokenSha256: tokenSha256(token) },
    select: { id: true, organizationId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await prisma.organizationApiToken.updateMany({
      where: { id: row.id, revokedAt: null },
      data: { lastUsedAt: now },
    });
  }
  return row.organizationId;
}

/** Revokes one token of the organization; false when the organization has no such token. Idempotent. */
export async function revokeToken(
  prisma: PrismaClient,
  organizationId: string,
  tokenId: string,
): Promise<boolean> {
  const token = await prisma.organizationApiToken.findFirst({
    where: { id: tokenId, organizationId },
    select: { id: true },
  });
  if (!token) return false;
  await prisma.organizationApiToken.updateMany({
    where: { id: tokenId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return true;
}

/** The organization's tokens (never the token, only id, label and dates), newest first. */
export async function listTokens(prisma: PrismaClient, organizationId: string) {
  return prisma.organizationApiToken.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    select: { id: true, label: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

import type { Prisma, PrismaClient } from '../lib/prisma';
import type { ExportRow } from './export-reads';

// The write side of POST /api/campaigns/:id/export-to-instantly: the export row is the single point of truth
// for "one export per request" (unique (organization, idempotency key) and (campaign, dedupe hash)).

/** The organization's export made with this Idempotency-Key, or null. */
export async function findByIdempotencyKey(
  prisma: PrismaClient,
  organizationId: string,
  idempotencyKey: string,
): Promise<ExportRow | null> {
  return prisma.instantlyExport.findUnique({
    where: { organizationId_idempotencyKey: { organizationId, idempotencyKey } },
  });
}

/** The export that answers identical requests for the campaign (its dedupe hash), or null. */
export async function findIdentical(
  prisma: PrismaClient,
  organizationId: string,
  campaignId: string,
  dedupeHash: string,
): Promise<ExportRow | null> {
  const row = await prisma.instantlyExport.findUnique({
    where: { campaignId_dedupeHash: { campaignId, dedupeHash } },
  });
  return row && row.organizationId === organizationId ? row : null;
}

/**
 * Remembers the key on the export it resolved to; false when another request claimed it first (the key landed
 * on another row, or another key on this one).
 */
export async function claimIdempotencyKey(
  prisma: PrismaClient,
  organizationId: string,
  exportId: string,
  idempotencyKey: string,
): Promise<boolean> {
  try {
    const claimed = await prisma.instantlyExport.updateMany({
      where: { id: exportId, organizationId, idempotencyKey: null },
      data: { idempotencyKey },
    });
    return claimed.count === 1;
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') return false;
    throw err;
  }
}

/** Inserts the export unless a unique key already names one (ON CONFLICT DO NOTHING); the row, or null. */
export async function insertExport(
  prisma: PrismaClient,
  organizationId: string,
  data: Omit<Prisma.InstantlyExportCreateManyInput, 'organizationId'> & { id: string },
): Promise<ExportRow | null> {
  const { count } = await prisma.instantlyExport.createMany({
    data: [{ ...data, organizationId }],
    skipDuplicates: true,
  });
  return count === 1 ? prisma.instantlyExport.findUniqueOrThrow({ where: { id: data.id } }) : null;
}

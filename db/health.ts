import type { PrismaClient } from '../lib/prisma';

/** One round trip to PostgreSQL (GET /readyz): resolves when the database answers. */
export async function pingDatabase(prisma: PrismaClient): Promise<void> {
  await prisma.$queryRawUnsafe('SELECT 1');
}

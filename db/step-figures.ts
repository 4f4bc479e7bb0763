import type { PrismaClient } from '../lib/prisma';

// Instantly's own per-step analytics of an export, as the last sync read them (see the model's comment). The
// sync replaces them whole; reads merge them with our step counters (api/services/engagement-read.ts).

/** One (step, variant) of Instantly's step analytics, numbered like our events. */
export interface StoredStepFigure {
  exportId: string;
  step: number;
  variant: number;
  sent: number;
  opened: number;
  clicked: number;
  replied: number;
  syncedAt: Date;
}

/** Replaces the export's step figures with what one sync read (an empty read keeps the previous figures). */
export async function recordStepFigures(
  prisma: PrismaClient,
  exportId: string,
  figures: ReadonlyArray<Omit<StoredStepFigure, 'exportId' | 'syncedAt'>>,
  syncedAt: Date,
): Promise<void> {
  if (figures.length === 0) return;
  await prisma.$transaction([
    prisma.instantlyStepFigure.deleteMany({ where: { exportId } }),
    prisma.instantlyStepFigure.createMany({
      data: figures.map((f) => ({ ...f, exportId, syncedAt })),
    }),
  ]);
}

/** The stored step figures of these exports (the caller has scoped them to one organization). */
export async function stepFiguresOf(
  prisma: PrismaClient,
  exportIds: readonly string[],
): Promise<StoredStepFigure[]> {
  if (exportIds.length === 0) return [];
  return prisma.instantlyStepFigure.findMany({
    where: { exportId: { in: [...exportIds] } },
    orderBy: [{ exportId: 'asc' }, { step: 'asc' }, { variant: 'asc' }],
  });
}

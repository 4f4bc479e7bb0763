import type { PrismaClient } from '../../lib/prisma';
import type { GroundTruth } from '../../simulator';

/** One business's engagement columns, keyed by lower-cased email in the snapshot. */
export interface BusinessEngagement {
  sentAt: string | null;
  openedAt: string | null;
  clickedAt: string | null;
  repliedAt: string | null;
  replyText: string | null;
  replySubject: string | null;
  bouncedAt: string | null;
  unsubscribedAt: string | null;
  score: number;
}

/** Everything engagement writes for one export: per-business columns and the export's counters. */
export interface EngagementSnapshot {
  businesses: Record<string, BusinessEngagement>;
  counters: Record<string, number>;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Reads the full engagement state of an export's businesses and counters. */
export async function engagementSnapshot(
  prisma: PrismaClient,
  exportId: string,
): Promise<EngagementSnapshot> {
  const exp = await prisma.instantlyExport.findUniqueOrThrow({ where: { id: exportId } });
  const rows = await prisma.business.findMany({
    where: { ledger: { some: { exportId } } },
    orderBy: { id: 'asc' },
  });
  const businesses: Record<string, BusinessEngagement> = {};
  for (const b of rows) {
    businesses[(b.email ?? b.id).toLowerCase()] = {
      sentAt: iso(b.instantlySentAt),
      openedAt: iso(b.instantlyOpenedAt),
      clickedAt: iso(b.instantlyClickedAt),
      repliedAt: iso(b.instantlyRepliedAt),
      replyText: b.instantlyReplyText,
      replySubject: b.instantlyReplySubject,
      bouncedAt: iso(b.instantlyBouncedAt),
      unsubscribedAt: iso(b.instantlyUnsubscribedAt),
      score: b.instantlyEngagementScore,
    };
  }
  return {
    businesses,
    counters: {
      emailsSent: exp.emailsSentCount,
      contacted: exp.contactedCount,
      opened: exp.openedCount,
      clicked: exp.clickedCount,
      replied: exp.repliedCount,
      autoReplied: exp.autoRepliedCount,
      bounced: exp.bouncedCount,
      unsubscribed: exp.unsubscribedCount,
    },
  };
}

/** The snapshot the simulator's ground truth says we must end with (every lead is one of our businesses). */
export function expectedSnapshot(truth: GroundTruth, emails: readonly string[]): EngagementSnapshot {
  const businesses: Record<string, BusinessEngagement> = {};
  for (const email of emails) {
    const t = truth.leads[email.toLowerCase()];
    const score = !t ? 0 : t.repliedAt ? 4 : t.clickedAt ? 3 : t.openedAt ? 2 : t.sentAt ? 1 : 0;
    businesses[email.toLowerCase()] = {
      sentAt: t?.sentAt ?? null,
      openedAt: t?.openedAt ?? null,
      clickedAt: t?.clickedAt ?? null,
      repliedAt: t?.repliedAt ?? null,
      replyText: t?.replyText ?? null,
      replySubject: t?.replySubject ?? null,
      bouncedAt: t?.bounced ? expectAnyIso() : null,
      unsubscribedAt: t?.unsubscribed ? expectAnyIso() : null,
      score,
    };
  }
  const tt = truth.totals;
  return {
    businesses,
    counters: {
      emailsSent: tt.events.email_sent ?? 0,
      contacted: tt.sent,
      opened: tt.opened,
      clicked: tt.clicked,
      replied: tt.replied,
      autoReplied: tt.autoReplied,
      bounced: tt.bounced,
      unsubscribed: tt.unsubscribed,
    },
  };
}

// Ground truth records bounce/unsubscribe as booleans; any timestamp is right.
const expectAnyIso = (): string => expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/);

/** Rows of an export not applied yet (0 = the database reflects everything received). */
export async function unappliedCount(prisma: PrismaClient, exportId: string): Promise<number> {
  return prisma.instantlyEvent.count({ where: { exportId, appliedAt: null } });
}

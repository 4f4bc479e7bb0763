import { Context } from '@temporalio/activity';
import type { DriftReport, SyncInput, SyncResult } from '../contracts/engagement';
import { checkWebhookHealth } from '../lib/engagement/webhook-registration';
import type { InstantlyClient } from '../lib/instantly';
import type { PrismaClient } from '../lib/prisma';
import type { ActivityDeps } from './deps';
import { applyEventIds, unappliedEventIds } from './engagement-apply';
import { readCounters } from './engagement-counters';
import { deliverEvents } from './engagement-deliver';
import { compareCounters, compareSteps, missingSomething, type StepSent } from './engagement-drift';
import { repairFromDeliveryLog, repairFromLeads } from './engagement-repair';
import { instantlyCall } from './instantly-failures';

interface ExportRow {
  id: string;
  organization_id: string;
  instantly_campaign_id: string;
  created_at: Date;
  last_synced_at: Date | null;
}

async function findExport(prisma: PrismaClient, input: SyncInput): Promise<ExportRow | undefined> {
  const rows = await prisma.$queryRawUnsafe<ExportRow[]>(
    `SELECT id::text AS id, organization_id::text AS organization_id, instantly_campaign_id, created_at, last_synced_at
       FROM gmaps_instantly_campaigns
      WHERE ($1::uuid IS NOT NULL AND id = $1::uuid) OR ($1::uuid IS NULL AND instantly_campaign_id = $2::text)`,
    input.exportId,
    input.instantlyCampaignId,
  );
  return rows[0];
}

const heartbeat = (): void => {
  try {
    Context.current().heartbeat();
  } catch {
    // not inside an activity (unit use)
  }
};

/** Applies ids in chunks of 500; events applied here are delivered to subscribers best-effort. */
async function applyAll(prisma: PrismaClient, ids: string[]): Promise<number> {
  let applied = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    applied += (await applyEventIds(prisma, chunk)).applied;
    await deliverEvents(prisma, chunk, { onProgress: heartbeat });
    heartbeat();
  }
  return applied;
}

/** Events stored before the export row knew its Instantly campaign id, plus stored-but-unapplied ones. */
async function sweep(prisma: PrismaClient, exp: ExportRow): Promise<number> {
  await prisma.$executeRawUnsafe(
    `UPDATE gmaps_instantly_events SET export_id = $1::uuid, unmatched = false
      WHERE instantly_campaign_id = $2::text AND export_id IS NULL AND unmatched`,
    exp.id,
    exp.instantly_campaign_id,
  );
  let applied = 0;
  for (
    let ids = await unappliedEventIds(prisma, exp.id, 5000);
    ids.length > 0;
    ids = await unappliedEventIds(prisma, exp.id, 5000)
  ) {
    applied += await applyAll(prisma, ids);
    if (ids.length < 5000) break;
  }
  return applied;
}

async function ourSteps(prisma: PrismaClient, exportId: string): Promise<StepSent[]> {
  const rows = await prisma.$queryRawUnsafe<StepSent[]>(
    `SELECT step, variant, count(*)::int AS sent FROM gmaps_instantly_events
      WHERE export_id = $1::uuid AND event_type = 'email_sent' AND applied_at IS NOT NULL AND source <> 'poll'
      GROUP BY step, variant`,
    exportId,
  );
  return rows;
}

async function repair(
  prisma: PrismaClient,
  client: InstantlyClient,
  exp: ExportRow,
): Promise<DriftReport['repaired']> {
  // Overlap the previous window: a delivery logged just before the last sync may have been missed by it.
  const since = new Date((exp.last_synced_at ?? exp.created_at).getTime() - 15 * 60_000);
  const fromLog = await instantlyCall(() =>
    repairFromDeliveryLog(prisma, client, {
      instantlyCampaignId: exp.instantly_campaign_id,
      since,
      onProgress: heartbeat,
    }),
  );
  let applied = await applyAll(prisma, fromLog.unappliedIds);
  const fromLeads = await instantlyCall(() =>
    repairFromLeads(prisma, client, {
      exportId: exp.id,
      instantlyCampaignId: exp.instantly_campaign_id,
      onProgress: heartbeat,
    }),
  );
  applied += await applyAll(prisma, fromLeads.unappliedIds);
  return { fromDeliveryLog: fromLog.inserted, fromLeads: fromLeads.inserted, applied };
}

/** The analytics-sync activity (see syncCampaignAnalytics). */
export function createSyncActivity({ prisma, instantly, env }: ActivityDeps) {
  return {
    /**
     * Polls Instantly for one export: resumes a disabled workspace webhook, applies stored-but-unapplied
     * events, compares Instantly's analytics with our counters and, when events are missing, repairs from the
     * webhook delivery log and then from per-lead counters; records last_synced_at and last_drift. Returns
     * counts only. Instantly failures are typed (auth/validation non-retryable, 429/5xx retryable).
     */
    async syncCampaignAnalytics(input: SyncInput): Promise<SyncResult> {
      const syncedAt = new Date();
      const exp = await findExport(prisma, input);
      if (!exp) {
        return {
          exportId: null,
          syncedAt: syncedAt.toISOString(),
          campaignStatus: null,
          drift: null,
          counters: null,
          webhookHealth: null,
        };
      }
      const client = await instantlyCall(() => instantly.forOrganization(exp.organization_id));
      const webhookHealth = await checkWebhookHealth(prisma, client, {
        organizationId: exp.organization_id,
        publicUrl: env.PUBLIC_URL,
        now: syncedAt,
      });
      const swept = await sweep(prisma, exp);
      const icid = exp.instantly_campaign_id;
      const campaign = await instantlyCall(() => client.getCampaign(icid));
      const overview = await instantlyCall(() => client.getAnalyticsOverview({ id: icid }));
      const stepRows = await instantlyCall(() => client.getStepAnalytics({ campaign_id: icid }));
      const ours = (await readCounters(prisma, exp.id))!;
      const before = compareCounters(overview, ours);
      const repaired = missingSomething(before)
        ? await repair(prisma, client, exp)
        : { fromDeliveryLog: 0, fromLeads: 0, applied: 0 };
      const counters = (await readCounters(prisma, exp.id))!;
      const drift: DriftReport = {
        at: syncedAt.toISOString(),
        drifted: Object.keys(before).length > 0,
        before,
        after: compareCounters(overview, counters),
        repaired: { ...repaired, applied: repaired.applied + swept },
        steps: compareSteps(stepRows, await ourSteps(prisma, exp.id)),
      };
      await prisma.$executeRawUnsafe(
        `UPDATE gmaps_instantly_campaigns SET last_synced_at = $2::timestamptz, last_drift = $3::jsonb, updated_at = now()
          WHERE id = $1::uuid`,
        exp.id,
        syncedAt,
        JSON.stringify(drift),
      );
      return {
        exportId: exp.id,
        syncedAt: syncedAt.toISOString(),
        campaignStatus: campaign.status,
        drift,
        counters,
        webhookHealth,
      };
    },
  };
}

import type { DriftReport } from '../contracts/engagement';
import type { SyncInput, SyncResult } from '../contracts/engagement-activities';
import { checkWebhookHealth } from '../lib/engagement/webhook-registration';
import type { InstantlyClient } from '../lib/instantly';
import type { PrismaClient } from '../lib/prisma';
import type { ActivityDeps } from './deps';
import { readCounters } from './engagement-counters';
import { compareCounters, compareSteps, missingSomething } from './engagement-drift';
import { repairFromDeliveryLog, repairFromLeads } from './engagement-repair';
import { applyAll, findExport, heartbeat, ourSteps, sweep, type ExportRow } from './engagement-sync-db';
import { instantlyCall } from './instantly-failures';

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
      // Database-only work first, so it happens even when Instantly is unreachable or not configured.
      const swept = await sweep(prisma, exp);
      const client = await instantlyCall(() => instantly.forOrganization(exp.organization_id));
      const webhookHealth = await checkWebhookHealth(prisma, client, {
        organizationId: exp.organization_id,
        publicUrl: env.PUBLIC_URL,
        now: syncedAt,
      });
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

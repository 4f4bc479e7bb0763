import type { DriftReport } from '../contracts/engagement';
import type { SyncInput, SyncResult } from '../contracts/engagement-activities';
import { recordSync } from '../db/engagement';
import { readCounters } from '../db/engagement-counters';
import { checkWebhookHealth, webhookTarget } from '../lib/engagement/webhook-registration';
import type { InstantlyClient } from '../lib/instantly';
import type { PrismaClient } from '../lib/prisma';
import type { ActivityDeps } from './deps';
import { deliverySettings, type DeliverySettings } from './engagement-deliver';
import { recordStepFigures } from '../db/step-figures';
import { compareCounters, compareSteps, missingSomething, stepFigures } from './engagement-drift';
import { repairFromDeliveryLog, repairFromLeads } from './engagement-repair';
import { recoverReplies } from './engagement-reply-recovery';
import { applyAll, findExport, ourSteps, sweep, type ExportRow } from './engagement-sync-db';
import { heartbeat } from './heartbeat';
import { instantlyCall } from './instantly-failures';

/** How many drift reports (that found drift or repaired something) an export keeps, newest first. */
export const DRIFT_HISTORY_SIZE = 20;

type Repaired = DriftReport['repaired'];

/** Delivery log, then lead counters, then the e-mail list: each pass ingests for the export's organization. */
async function repair(
  prisma: PrismaClient,
  client: InstantlyClient,
  exp: ExportRow,
  delivery: DeliverySettings,
  autoRepliesMissing: boolean,
): Promise<Repaired> {
  const scope = { organizationId: exp.organization_id, instantlyCampaignId: exp.instantly_campaign_id };
  // Overlap the previous window: a delivery logged just before the last sync may have been missed by it.
  const since = new Date((exp.last_synced_at ?? exp.created_at).getTime() - 15 * 60_000);
  const fromLog = await instantlyCall(() =>
    repairFromDeliveryLog(prisma, client, { ...scope, since, onProgress: heartbeat }),
  );
  let applied = await applyAll(prisma, fromLog.unappliedIds, delivery);
  const fromLeads = await instantlyCall(() =>
    repairFromLeads(prisma, client, { ...scope, exportId: exp.id, onProgress: heartbeat }),
  );
  applied += await applyAll(prisma, fromLeads.unappliedIds, delivery);
  // Texts, subjects and auto-replies the lead counters cannot tell: read back from Instantly's e-mail list.
  const fromEmails = await instantlyCall(() =>
    recoverReplies(prisma, client, {
      ...scope,
      exportId: exp.id,
      scanForAutoReplies: autoRepliesMissing,
      onProgress: heartbeat,
    }),
  );
  applied += await applyAll(prisma, fromEmails.unappliedIds, delivery);
  return {
    fromDeliveryLog: fromLog.inserted,
    fromLeads: fromLeads.inserted,
    applied,
    fromEmails: { replyTexts: fromEmails.filled, autoReplies: fromEmails.autoReplies },
  };
}

/** Instantly counted more auto-replying leads than we hold (lead counters cannot tell which). */
const autoRepliesMissing = (before: DriftReport['before']): boolean => {
  const d = before.autoReplied;
  return d !== undefined && d.instantly > d.ours;
};

/** Whether a sync changed anything worth keeping in the drift history. */
const repairedSomething = (r: Repaired): boolean =>
  r.fromDeliveryLog + r.fromLeads + r.applied + (r.fromEmails?.replyTexts ?? 0) > 0;

/** The analytics-sync activity (see syncCampaignAnalytics). */
export function createSyncActivity(deps: ActivityDeps) {
  const { prisma, instantly, env } = deps;
  const delivery = deliverySettings(deps);

  /** Compares Instantly's figures with ours, repairs when Instantly saw more, and reports the drift. */
  const compareAndRepair = async (client: InstantlyClient, exp: ExportRow, at: Date, swept: number) => {
    const icid = exp.instantly_campaign_id;
    const overview = await instantlyCall(() => client.getAnalyticsOverview({ id: icid }));
    const steps = stepFigures(await instantlyCall(() => client.getStepAnalytics({ campaign_id: icid })));
    const before = compareCounters(overview, (await readCounters(prisma, exp.id))!);
    const repaired = missingSomething(before)
      ? await repair(prisma, client, exp, delivery, autoRepliesMissing(before))
      : { fromDeliveryLog: 0, fromLeads: 0, applied: 0 };
    const counters = (await readCounters(prisma, exp.id))!;
    const drift: DriftReport = {
      at: at.toISOString(),
      drifted: Object.keys(before).length > 0,
      before,
      after: compareCounters(overview, counters),
      repaired: { ...repaired, applied: repaired.applied + swept },
      steps: compareSteps(steps, await ourSteps(prisma, exp.id)),
    };
    // Kept for reads: they repair step figures and total sends events cannot give after an outage.
    await recordStepFigures(prisma, exp.id, steps, at);
    return { drift, counters };
  };

  return {
    /**
     * Polls Instantly for one export: resumes its organization's disabled webhook (and re-registers a rotated
     * secret), applies stored-but-unapplied events, compares Instantly's analytics with our counters and, when
     * events are missing, repairs from the webhook delivery log, per-lead counters and the e-mail list; records
     * last_synced_at, last_drift and the drift history. Returns counts only. Instantly failures are typed
     * (auth/validation non-retryable, 429/5xx retryable).
     */
    async syncCampaignAnalytics(input: SyncInput): Promise<SyncResult> {
      const syncedAt = new Date();
      const exp = await findExport(prisma, input);
      if (!exp) {
        const none = { campaignStatus: null, drift: null, counters: null, webhookHealth: null };
        return { exportId: null, syncedAt: syncedAt.toISOString(), ...none };
      }
      // Database-only work first, so it happens even when Instantly is unreachable or not configured.
      const swept = await sweep(prisma, exp, delivery);
      const client = await instantlyCall(() => instantly.forOrganization(exp.organization_id));
      const target = await webhookTarget(prisma, env, exp.organization_id);
      const webhookHealth = await checkWebhookHealth(prisma, client, {
        organizationId: exp.organization_id,
        publicUrl: env.PUBLIC_URL,
        now: syncedAt,
        secret: target.secret, // a rotated secret reaches Instantly at the next sync
      });
      const campaign = await instantlyCall(() => client.getCampaign(exp.instantly_campaign_id));
      const { drift, counters } = await compareAndRepair(client, exp, syncedAt, swept);
      await recordSync(prisma, exp.id, {
        at: syncedAt,
        drift,
        repairedSomething: repairedSomething(drift.repaired),
        historySize: DRIFT_HISTORY_SIZE,
      });
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

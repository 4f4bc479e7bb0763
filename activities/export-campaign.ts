import { log } from '@temporalio/activity';
import { instantlyCampaignName } from '../contracts/export-summary';
import type { ExportRequest } from '../contracts/schemas/export-request';
import { markActivated, setInstantlyCampaign } from '../db/exports';
import type { CreateCampaignBody, InstantlyClient } from '../lib/instantly';
import { planSequenceToSteps, weekdaysToDays } from '../lib/instantly/mapping';
import type { InstantlyTimezone } from '../contracts/instantly-timezones';
import type { ActivityDeps } from './deps';
import { loadExport, resolveSequence } from './export-row';
import { instantlyCall } from './instantly-failures';

/** The real v2 create body: schedule (name, timing, days, timezone), one sequence of steps × variants, options. */
export function buildCreateCampaignBody(
  request: ExportRequest,
  name: string,
  timezone: string,
): CreateCampaignBody {
  const body: CreateCampaignBody = {
    name,
    campaign_schedule: {
      schedules: [
        {
          name: 'Instantly Bridge schedule',
          timing: { from: request.schedule.from, to: request.schedule.to },
          days: weekdaysToDays(request.schedule.days),
          timezone: timezone as InstantlyTimezone,
        },
      ],
    },
    sequences: [{ steps: planSequenceToSteps(resolveSequence(request)) }],
  };
  if (request.senders?.length) body.email_list = request.senders;
  if (request.dailyLimit !== undefined) body.daily_limit = request.dailyLimit;
  if (request.stopOnReply !== undefined) body.stop_on_reply = request.stopOnReply;
  if (request.openTracking !== undefined) body.open_tracking = request.openTracking;
  if (request.linkTracking !== undefined) body.link_tracking = request.linkTracking;
  return body;
}

/** Step 2 (create the draft, exactly once) and step 4a (activate). */
export function createCampaignActivities({ prisma, instantly }: ActivityDeps) {
  return {
    /**
     * Creates the Instantly campaign as a draft, exactly once. Instantly has no idempotency key, so: (1) an id
     * already recorded wins; (2) else a campaign whose name carries this export's tag is adopted (a previous
     * attempt created it but its response was lost); (3) else create, and record the id in this same activity.
     * Retrying after a lost response therefore finds the campaign instead of making a second one.
     */
    async ensureInstantlyCampaign({
      exportId,
    }: {
      exportId: string;
    }): Promise<{ instantlyCampaignId: string; adopted: boolean }> {
      const { row, request } = await loadExport(prisma, exportId);
      if (row.instantlyCampaignId) return { instantlyCampaignId: row.instantlyCampaignId, adopted: true };
      const client = await instantlyCall(() => instantly.forOrganization(row.organizationId));
      const name = instantlyCampaignName(request.campaignName, row.nameTag);
      const adopted = await findTagged(client, exportId, row.nameTag, name);
      const campaign =
        adopted ??
        (await instantlyCall(() =>
          client.createCampaign(
            buildCreateCampaignBody(request, name, row.timezoneUsed ?? request.schedule.timezone),
          ),
        ));
      await setInstantlyCampaign(prisma, exportId, { instantlyCampaignId: campaign.id, instantlyName: name });
      return { instantlyCampaignId: campaign.id, adopted: adopted !== null };
    },

    /** Activates the campaign (only when the request asked). Idempotent: activating an active campaign is a no-op. */
    async activateInstantlyCampaign({ exportId }: { exportId: string }): Promise<void> {
      const { row } = await loadExport(prisma, exportId);
      const client = await instantlyCall(() => instantly.forOrganization(row.organizationId));
      await instantlyCall(() => client.activateCampaign(row.instantlyCampaignId!));
      await markActivated(prisma, exportId);
    },
  };
}

/** The oldest Instantly campaign whose name carries the export's tag (an earlier attempt made it), or null. */
async function findTagged(client: InstantlyClient, exportId: string, nameTag: string, name: string) {
  const found = [];
  for await (const c of {
    [Symbol.asyncIterator]: () => client.iterateCampaigns({ search: nameTag, limit: 100 }),
  }) {
    if (c.name === name || c.name.endsWith(`[${nameTag}]`)) found.push(c);
  }
  found.sort((a, b) => String(a.timestamp_created ?? '').localeCompare(String(b.timestamp_created ?? '')));
  if (found.length > 1)
    log.warn('several Instantly campaigns carry this export tag; adopting the oldest', {
      exportId,
      count: found.length,
    });
  return found[0] ?? null;
}

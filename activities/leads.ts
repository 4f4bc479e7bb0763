import { ApplicationFailure } from '@temporalio/activity';
import { ERROR_TYPES } from '../contracts/errors';
import type { LeadCounts } from '../contracts/readiness';
import type { ActivityDeps } from './deps';

/**
 * The eligibility rule every export uses: a business of the campaign with a non-empty email, whose email never
 * bounced or unsubscribed in any campaign, first row per lower-cased email. (SQL text shared by the export.)
 */
export const ELIGIBLE_LEADS_CTE = `
  suppressed AS (
    SELECT DISTINCT lower(trim(email)) AS e FROM gmaps_businesses
    WHERE email IS NOT NULL AND (instantly_bounced_at IS NOT NULL OR instantly_unsubscribed_at IS NOT NULL)
  ),
  with_email AS (
    SELECT b.id, lower(trim(b.email)) AS email_key,
           row_number() OVER (PARTITION BY lower(trim(b.email)) ORDER BY b.created_at, b.id) AS rn
    FROM gmaps_businesses b
    WHERE b.campaign_id = $1::uuid AND b.email IS NOT NULL AND trim(b.email) <> ''
  )`;

/** Lead-count activities (read-only). */
export function createLeadActivities({ prisma }: ActivityDeps) {
  return {
    /** Counts a campaign's leads by eligibility. Fails non-retryably with CampaignNotFound. */
    async countExportableLeads({ campaignId }: { campaignId: string }): Promise<LeadCounts> {
      const campaign = await prisma.campaign.findUnique({ where: { id: campaignId }, select: { id: true } });
      if (!campaign) {
        throw ApplicationFailure.nonRetryable(
          `campaign ${campaignId} not found`,
          ERROR_TYPES.campaignNotFound,
        );
      }
      const rows = await prisma.$queryRawUnsafe<
        { businesses: bigint; with_email: bigint; suppressed: bigint; duplicates: bigint }[]
      >(
        `WITH ${ELIGIBLE_LEADS_CTE}
         SELECT (SELECT count(*) FROM gmaps_businesses WHERE campaign_id = $1::uuid) AS businesses,
                (SELECT count(*) FROM with_email) AS with_email,
                (SELECT count(*) FROM with_email w WHERE w.rn = 1 AND w.email_key IN (SELECT e FROM suppressed)) AS suppressed,
                (SELECT count(*) FROM with_email WHERE rn > 1) AS duplicates`,
        campaignId,
      );
      const r = rows[0]!;
      const counts = {
        businesses: Number(r.businesses),
        withEmail: Number(r.with_email),
        suppressed: Number(r.suppressed),
        duplicates: Number(r.duplicates),
      };
      return { ...counts, eligible: counts.withEmail - counts.duplicates - counts.suppressed };
    },
  };
}

import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { LeadCounts, ReadinessInput } from '../contracts/readiness';
import { DATABASE_READ } from './activity-options';

const { countExportableLeads } = proxyActivities<Activities>(DATABASE_READ);

/** Reports how many of a campaign's leads an export would send (ids in, counts out). */
export async function campaignReadinessWorkflow(input: ReadinessInput): Promise<LeadCounts> {
  return countExportableLeads({ campaignId: input.campaignId });
}

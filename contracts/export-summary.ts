import type { ExportCounters } from './export';

// Pure functions both the API and the export activities need: here, so api/ never imports activities/.

/** The Instantly campaign name: the user's name plus this export's tag, which makes creation findable. */
export const instantlyCampaignName = (campaignName: string, nameTag: string): string =>
  `${campaignName} [${nameTag}]`;

/** The export row's counters in the API's shape (sent = uploaded + duplicate + invalid + blocklisted + skipped). */
export function countersOf(row: {
  leadsEligible: number;
  leadsSent: number;
  leadsUploaded: number;
  leadsDuplicate: number;
  leadsInvalid: number;
  leadsBlocklisted: number;
  leadsSkipped: number;
  leadsAlreadyExported: number;
}): ExportCounters {
  const sent = row.leadsSent;
  return {
    eligible: row.leadsEligible,
    rejected: Math.max(0, row.leadsEligible - sent),
    alreadyExported: row.leadsAlreadyExported,
    sent,
    uploaded: row.leadsUploaded,
    duplicate: row.leadsDuplicate,
    invalid: row.leadsInvalid,
    blocklisted: row.leadsBlocklisted,
    skipped: row.leadsSkipped,
  };
}

/** Input/output of campaignReadinessWorkflow: how many of a campaign's leads an export could send. */
export interface ReadinessInput {
  campaignId: string;
}

export interface LeadCounts {
  businesses: number;
  withEmail: number;
  suppressed: number;
  duplicates: number;
  eligible: number;
}

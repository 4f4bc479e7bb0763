/**
 * Custom search attributes the Temporal Web UI filters exports by. Registered by the dev server flags
 * (scripts/stack.ts, the test harness) and by ensureSearchAttributes() on a real cluster.
 */
export const SEARCH_ATTRIBUTES = {
  organizationId: 'BridgeOrganizationId',
  campaignId: 'BridgeCampaignId',
  instantlyCampaignId: 'InstantlyCampaignId',
  exportStatus: 'ExportStatus',
} as const;

export const SEARCH_ATTRIBUTE_NAMES = Object.values(SEARCH_ATTRIBUTES);

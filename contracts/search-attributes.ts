import { defineSearchAttributeKey } from '@temporalio/common';

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

/** The same attributes as typed keys (all Keyword), for typedSearchAttributes on start and upsert. */
export const SEARCH_ATTRIBUTE_KEYS = {
  organizationId: defineSearchAttributeKey(SEARCH_ATTRIBUTES.organizationId, 'KEYWORD'),
  campaignId: defineSearchAttributeKey(SEARCH_ATTRIBUTES.campaignId, 'KEYWORD'),
  instantlyCampaignId: defineSearchAttributeKey(SEARCH_ATTRIBUTES.instantlyCampaignId, 'KEYWORD'),
  exportStatus: defineSearchAttributeKey(SEARCH_ATTRIBUTES.exportStatus, 'KEYWORD'),
} as const;

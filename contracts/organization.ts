/**
 * A deployment serves one organization by default (API_TOKEN is one bearer token). Its row is created on
 * start-up; the lead-generation platform's own organizations work unchanged when campaigns point at them.
 */
export const DEFAULT_ORGANIZATION_ID = '00000000-0000-4000-8000-000000000001';
export const DEFAULT_ORGANIZATION_NAME = 'Default organization';

import type { LeadRecord, Scalar } from '../types';

const CAMEL: ReadonlyArray<[keyof LeadRecord, string]> = [
  ['first_name', 'firstName'],
  ['last_name', 'lastName'],
  ['company_name', 'companyName'],
  ['job_title', 'jobTitle'],
  ['website', 'website'],
  ['phone', 'phone'],
  ['personalization', 'personalization'],
];

/**
 * The lead's merge fields as Instantly stores them in `payload` (§3.4): built-ins in camelCase (only those that
 * are set) plus every custom variable under its own name.
 */
export function leadPayload(lead: LeadRecord): Record<string, Scalar> {
  const payload: Record<string, Scalar> = {};
  for (const [field, camel] of CAMEL) {
    const value = lead[field];
    if (typeof value === 'string') payload[camel] = value;
  }
  return { ...payload, ...lead.custom_variables };
}

function companyDomain(lead: LeadRecord): string | null {
  const email = lead.email;
  return email && email.includes('@') ? email.slice(email.lastIndexOf('@') + 1).toLowerCase() : null;
}

/** The `Lead` read shape (§3.4) of a stored lead. */
export function leadView(lead: LeadRecord): Record<string, unknown> {
  const { custom_variables: _custom, ...fields } = lead;
  return {
    ...fields,
    company_domain: companyDomain(lead),
    payload: leadPayload(lead),
    status_summary: lead.last_step_timestamp_executed
      ? {
          lastStep: { from: 'campaign', stepID: null, timestamp_executed: lead.last_step_timestamp_executed },
        }
      : null,
    last_step_from: lead.last_step_timestamp_executed ? 'campaign' : null,
    timestamp_last_interest_change: null,
    subsequence_id: null,
    esp_code: null,
    esg_code: null,
    enrichment_status: null,
  };
}

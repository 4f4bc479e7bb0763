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

/** The domain of the lead's email; the document requires a string, so a lead without one has `''`. */
function companyDomain(lead: LeadRecord): string {
  const email = lead.email;
  return email && email.includes('@') ? email.slice(email.lastIndexOf('@') + 1).toLowerCase() : '';
}

/** The sequence step a lead last received, as a stable id (the simulator's steps have no ids of their own). */
function stepId(lead: LeadRecord): string {
  return `${lead.campaign ?? lead.list_id ?? 'none'}:step`;
}

// Enum-typed numbers the document does not allow to be null: a field without a value is left out instead.
const ENUM_NUMBERS = ['lt_interest_status', 'verification_status'] as const;

/**
 * The `Lead` read shape of a stored lead, as the document types it: `status_summary` always an object (empty
 * for an uncontacted lead), `company_domain` always a string, enum-typed numbers left out when unknown.
 */
export function leadView(lead: LeadRecord): Record<string, unknown> {
  const { custom_variables: _custom, ...fields } = lead;
  const view: Record<string, unknown> = {
    ...fields,
    company_domain: companyDomain(lead),
    payload: leadPayload(lead),
    status_summary: lead.last_step_timestamp_executed
      ? {
          lastStep: {
            from: 'campaign',
            stepID: stepId(lead),
            timestamp_executed: lead.last_step_timestamp_executed,
          },
        }
      : {},
    last_step_from: lead.last_step_timestamp_executed ? 'campaign' : null,
    timestamp_last_interest_change: null,
    subsequence_id: null,
  };
  for (const key of ENUM_NUMBERS) if (view[key] === null) delete view[key];
  return view;
}

import { isKnownEventType, type InstantlyWebhookPayload } from '../../contracts/schemas/instantly-webhook';
import { normalizeEmail } from './dedupe';
import { NON_PII_PAYLOAD_KEYS } from './pii';

// The pure half of storing events: what a row looks like. The statements are in db/events.ts.

/** Where a stored event went. `exportId` null = unmatched (no export of its organization has that campaign). */
export interface IngestedEvent {
  id: string;
  exportId: string | null;
  /** The row existed already (same organization and dedupe key). */
  duplicate: boolean;
  /** The row was applied already (nothing left to signal). */
  applied: boolean;
}

/** One event to store: the raw payload as it arrived plus its validated fields. */
export interface IngestInput {
  /**
   * The organization the event is stored for: the one whose webhook received it (intake), or the one whose
   * export a sync repairs (delivery log, poll). Only that organization's exports can match it.
   */
  organizationId: string;
  raw: Record<string, unknown>;
  parsed: InstantlyWebhookPayload;
  /** webhook (intake), delivery_log (drift repair), poll (synthesized from lead counters). */
  source: 'webhook' | 'delivery_log' | 'poll';
  /** Override of the dedupe key (poll events use pollDedupeKey). */
  key?: string;
}

/** The payload without personal data (what an event of a business whose personal data was deleted keeps). */
export function strippedPayload(raw: Record<string, unknown>): Record<string, unknown> {
  const keep = new Set<string>(NON_PII_PAYLOAD_KEYS);
  return Object.fromEntries(Object.entries(raw).filter(([k]) => keep.has(k)));
}

/** The row INSERT_EVENTS_SQL reads for one event (one element of its JSON array). */
export function eventRow(input: IngestInput, key: string) {
  const p = input.parsed;
  return {
    organization_id: input.organizationId,
    dedupe_key: key,
    lead_email: normalizeEmail(p.lead_email),
    given_email: p.lead_email?.trim() ?? null,
    instantly_campaign_id: p.campaign_id ?? null,
    event_type: p.event_type,
    known_type: isKnownEventType(p.event_type),
    step: p.step ?? null,
    variant: p.variant ?? null,
    email_id: p.email_id ?? null,
    occurred_at: new Date(p.timestamp).toISOString(),
    source: input.source,
    payload: input.raw,
    stripped: strippedPayload(input.raw),
  };
}

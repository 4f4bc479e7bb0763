import { instantlyWebhookSchema, parseWebhookPayload } from '../contracts/schemas/instantly-webhook';
import { normalizeEmail, pollDedupeKey } from '../lib/engagement/dedupe';
import { ingestEvent } from '../db/events';
import { knownLeads, missingEvents } from './engagement-lead-counters';
import { webhookEventDateWindow, type InstantlyClient, type Lead } from '../lib/instantly';
import type { PrismaClient } from '../lib/prisma';

/** Ids of stored-but-unapplied events found by a repair pass, plus how many rows were new. */
export interface RepairFound {
  inserted: number;
  unappliedIds: string[];
}

/**
 * Replays Instantly's delivery log: every failed / not-delivered attempt since `since` that belongs to this
 * Instantly campaign carries the original payload, which is ingested exactly as the intake would for the
 * export's organization (same dedupe key, so an event that did arrive is not counted twice).
 */
export async function repairFromDeliveryLog(
  prisma: PrismaClient,
  client: InstantlyClient,
  opts: { organizationId: string; instantlyCampaignId: string; since: Date; onProgress?: () => void },
): Promise<RepairFound> {
  const found: RepairFound = { inserted: 0, unappliedIds: [] };
  const log = client.iterateWebhookEvents({
    success: false,
    ...webhookEventDateWindow(opts.since),
    limit: 100,
  });
  for await (const entry of log) {
    // Same rules as the intake (normalised strings, bounded depth and time), so a poison payload in the log
    // neither fails the repair forever nor is stored differently from a live delivery.
    const delivery = parseWebhookPayload(entry.payload);
    if (!delivery.ok || delivery.parsed.campaign_id !== opts.instantlyCampaignId) continue;
    const r = await ingestEvent(prisma, {
      organizationId: opts.organizationId,
      raw: delivery.raw,
      parsed: delivery.parsed,
      source: 'delivery_log',
    });
    if (!r.duplicate) found.inserted += 1;
    if (!r.applied && r.exportId) found.unappliedIds.push(r.id);
    opts.onProgress?.();
  }
  return found;
}

/**
 * Compares Instantly's per-lead counters with our businesses (leads of this export only) and synthesizes one
 * event per missing kind (source 'poll', timestamp = Instantly's last-activity time, which is never earlier
 * than the real first event, so a late real event still wins through LEAST).
 */
export async function repairFromLeads(
  prisma: PrismaClient,
  client: InstantlyClient,
  opts: { organizationId: string; exportId: string; instantlyCampaignId: string; onProgress?: () => void },
): Promise<RepairFound> {
  const found: RepairFound = { inserted: 0, unappliedIds: [] };
  let page: Lead[] = [];
  const flush = async (): Promise<void> => {
    const known = await knownLeads(prisma, opts.exportId, page);
    for (const lead of page) {
      const k = known.get(normalizeEmail(lead.email) ?? '');
      if (!k || !lead.email) continue;
      for (const e of missingEvents(lead, k)) {
        const raw = {
          event_type: e.type,
          timestamp: e.at,
          campaign_id: opts.instantlyCampaignId,
          lead_email: lead.email,
          step: e.step ?? null,
          variant: e.variant ?? null,
          synthesized_from: 'lead_counters',
        };
        const parsed = instantlyWebhookSchema.safeParse(raw);
        if (!parsed.success) continue;
        const key = pollDedupeKey(e.type, opts.instantlyCampaignId, lead.email);
        const r = await ingestEvent(prisma, {
          organizationId: opts.organizationId,
          raw,
          parsed: parsed.data,
          source: 'poll',
          key,
        });
        if (!r.duplicate) found.inserted += 1;
        if (!r.applied && r.exportId) found.unappliedIds.push(r.id);
      }
    }
    page = [];
    opts.onProgress?.();
  };
  for await (const lead of client.iterateLeads({ campaign: opts.instantlyCampaignId, limit: 100 })) {
    page.push(lead);
    if (page.length >= 100) await flush();
  }
  if (page.length > 0) await flush();
  return found;
}

import { instantlyWebhookSchema } from '../contracts/schemas/instantly-webhook';
import { normalizeEmail, pollDedupeKey } from '../lib/engagement/dedupe';
import { ingestEvent } from '../lib/engagement/ingest';
import type { InstantlyClient, Lead } from '../lib/instantly';
import type { PrismaClient } from '../lib/prisma';

/** Ids of stored-but-unapplied events found by a repair pass, plus how many rows were new. */
export interface RepairFound {
  inserted: number;
  unappliedIds: string[];
}

/**
 * Replays Instantly's delivery log: every failed / not-delivered attempt since `since` that belongs to this
 * Instantly campaign carries the original payload, which is ingested exactly as the intake would (same dedupe
 * key, so an event that did arrive is not counted twice).
 */
export async function repairFromDeliveryLog(
  prisma: PrismaClient,
  client: InstantlyClient,
  opts: { instantlyCampaignId: string; since: Date; onProgress?: () => void },
): Promise<RepairFound> {
  const found: RepairFound = { inserted: 0, unappliedIds: [] };
  const log = client.iterateWebhookEvents({ success: false, from: opts.since.toISOString(), limit: 100 });
  for await (const entry of log) {
    const raw = entry.payload;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) continue;
    const parsed = instantlyWebhookSchema.safeParse(raw);
    if (!parsed.success || parsed.data.campaign_id !== opts.instantlyCampaignId) continue;
    const r = await ingestEvent(prisma, {
      raw: raw as Record<string, unknown>,
      parsed: parsed.data,
      source: 'delivery_log',
    });
    if (!r.duplicate) found.inserted += 1;
    if (!r.applied && r.exportId) found.unappliedIds.push(r.id);
    opts.onProgress?.();
  }
  return found;
}

interface Known {
  email: string;
  sent: boolean;
  opened: boolean;
  clicked: boolean;
  replied: boolean;
  bounced: boolean;
  unsubscribed: boolean;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The events Instantly's per-lead counters prove happened but our business row lacks. */
function missingEvents(
  lead: Lead,
  k: Known,
): Array<{ type: string; at: string; step?: unknown; variant?: unknown }> {
  const l = lead as Record<string, unknown>;
  const out: Array<{ type: string; at: string | null; step?: unknown; variant?: unknown }> = [
    { type: 'email_sent', at: k.sent ? null : str(l.timestamp_last_contact) },
    {
      type: 'email_opened',
      at: k.opened || num(l.email_open_count) === 0 ? null : str(l.timestamp_last_open),
      step: l.email_opened_step,
      variant: l.email_opened_variant,
    },
    {
      type: 'link_clicked',
      at: k.clicked || num(l.email_click_count) === 0 ? null : str(l.timestamp_last_click),
      step: l.email_clicked_step,
      variant: l.email_clicked_variant,
    },
    {
      type: 'reply_received',
      at: k.replied || num(l.email_reply_count) === 0 ? null : str(l.timestamp_last_reply),
      step: l.email_replied_step,
      variant: l.email_replied_variant,
    },
    { type: 'email_bounced', at: k.bounced || lead.status !== -1 ? null : str(l.timestamp_updated) },
    { type: 'lead_unsubscribed', at: k.unsubscribed || lead.status !== -2 ? null : str(l.timestamp_updated) },
  ];
  return out.filter(
    (e): e is { type: string; at: string; step?: unknown; variant?: unknown } => e.at !== null,
  );
}

async function knownLeads(
  prisma: PrismaClient,
  exportId: string,
  leads: Lead[],
): Promise<Map<string, Known>> {
  const emails = leads.flatMap((l) => (l.email ? [l.email.trim(), l.email.trim().toLowerCase()] : []));
  const rows = await prisma.$queryRawUnsafe<Known[]>(
    `SELECT lower(trim(b.email)) AS email, b.instantly_sent_at IS NOT NULL AS sent,
            b.instantly_opened_at IS NOT NULL AS opened, b.instantly_clicked_at IS NOT NULL AS clicked,
            b.instantly_replied_at IS NOT NULL AS replied, b.instantly_bounced_at IS NOT NULL AS bounced,
            b.instantly_unsubscribed_at IS NOT NULL AS unsubscribed
       FROM gmaps_businesses b
       JOIN gmaps_instantly_export_leads l ON l.business_id = b.id AND l.export_id = $1::uuid
      WHERE b.email = ANY($2::text[])`,
    exportId,
    [...new Set(emails)],
  );
  return new Map(rows.map((r) => [r.email, r]));
}

/**
 * Compares Instantly's per-lead counters with our businesses (leads of this export only) and synthesizes one
 * event per missing kind (source 'poll', timestamp = Instantly's last-activity time, which is never earlier
 * than the real first event, so a late real event still wins through LEAST).
 */
export async function repairFromLeads(
  prisma: PrismaClient,
  client: InstantlyClient,
  opts: { exportId: string; instantlyCampaignId: string; onProgress?: () => void },
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
        const r = await ingestEvent(prisma, { raw, parsed: parsed.data, source: 'poll', key });
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

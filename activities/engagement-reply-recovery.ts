import { parseWebhookPayload } from '../contracts/schemas/instantly-webhook';
import { MAX_TEXT } from '../contracts/schemas/pg-safe';
import { normalizeEmail, pollDedupeKey } from '../lib/engagement/dedupe';
import { ingestEvent } from '../db/events';
import {
  fillReplyStandIn,
  leadsWithAutoReply,
  refreshReplyColumns,
  textlessReplyStandIns,
} from '../db/reply-recovery';
import type { Email, InstantlyClient } from '../lib/instantly';
import type { PrismaClient } from '../lib/prisma';

/** Pages of `GET /emails` one sync reads at most: 20 = one minute of that endpoint's 20 requests/minute. */
export const MAX_EMAIL_PAGES = 20;

/** What a recovery pass did. */
export interface RecoveredReplies {
  /** Reply stand-ins that got their text and subject. */
  filled: number;
  /** Auto-reply stand-ins stored (ids of the unapplied ones in `unappliedIds`). */
  autoReplies: number;
  unappliedIds: string[];
}

/** The e-mail as a webhook-shaped payload, normalised and bounded by the intake's own rules. */
function asPayload(m: Email, type: string, campaignId: string, lead: string) {
  const text = m.body?.text ?? '';
  const step = m.step != null && /^\d{1,6}$/.test(m.step) ? Number(m.step) : null;
  return parseWebhookPayload({
    event_type: type,
    timestamp: m.timestamp_email ?? m.timestamp_created,
    campaign_id: campaignId,
    lead_email: lead,
    step,
    reply_text: text.slice(0, MAX_TEXT),
    reply_subject: (m.subject ?? '').slice(0, 2_000),
    synthesized_from: 'emails_api',
  });
}

/**
 * After an outage, completes what lead counters cannot tell: the text and subject of reply stand-ins that have
 * none and its time (from the lead's earliest human reply) and auto-replies (one stand-in per lead that has none), read from
 * `GET /emails` (received e-mails of the campaign, oldest first; at most `maxPages` pages, each one request of
 * the endpoint's own 20/min budget). Idempotent: only textless stand-ins are filled, auto-reply stand-ins use
 * the poll dedupe key. The caller applies `unappliedIds`.
 */
export async function recoverReplies(
  prisma: PrismaClient,
  client: InstantlyClient,
  opts: {
    organizationId: string;
    exportId: string;
    instantlyCampaignId: string;
    /** Read the list even when no reply lacks its text (Instantly counts more auto-replying leads than we hold). */
    scanForAutoReplies: boolean;
    maxPages?: number;
    onProgress?: () => void;
  },
): Promise<RecoveredReplies> {
  const out: RecoveredReplies = { filled: 0, autoReplies: 0, unappliedIds: [] };
  const textless = new Map<string, { id: string; business_id: string }>();
  for (const r of await textlessReplyStandIns(prisma, opts.exportId)) textless.set(r.lead_email, r);
  if (textless.size === 0 && !opts.scanForAutoReplies) return out; // nothing to ask: no request spent
  const hasAuto = await leadsWithAutoReply(prisma, opts.exportId);
  const touched = new Set<string>();
  const maxItems = (opts.maxPages ?? MAX_EMAIL_PAGES) * 100;
  let seen = 0;
  const emails = client.iterateEmails({
    campaign_id: opts.instantlyCampaignId,
    email_type: 'received',
    sort_order: 'asc',
    limit: 100,
  });
  for await (const m of emails) {
    if (++seen > maxItems) break;
    if (seen % 100 === 0) opts.onProgress?.();
    const lead = normalizeEmail(m.lead);
    if (lead === null) continue;
    if (m.is_auto_reply === 1) {
      if (hasAuto.has(lead)) continue;
      hasAuto.add(lead);
      const p = asPayload(m, 'auto_reply_received', opts.instantlyCampaignId, lead);
      if (!p.ok) continue;
      const key = pollDedupeKey('auto_reply_received', opts.instantlyCampaignId, lead);
      const r = await ingestEvent(prisma, {
        organizationId: opts.organizationId,
        raw: p.raw,
        parsed: p.parsed,
        source: 'poll',
        key,
      });
      if (!r.duplicate) out.autoReplies += 1;
      if (!r.applied && r.exportId) out.unappliedIds.push(r.id);
      continue;
    }
    const standIn = textless.get(lead);
    if (!standIn) continue;
    textless.delete(lead); // oldest first: the first human reply is the one the lead's columns show
    const p = asPayload(m, 'reply_received', opts.instantlyCampaignId, lead);
    if (!p.ok) continue;
    const add = {
      reply_text: p.raw.reply_text,
      reply_subject: p.raw.reply_subject,
      recovered_from: 'emails_api',
    };
    out.filled += await fillReplyStandIn(prisma, standIn.id, add, p.parsed.timestamp);
    touched.add(standIn.business_id);
  }
  if (touched.size > 0) await refreshReplyColumns(prisma, opts.exportId, [...touched]);
  return out;
}

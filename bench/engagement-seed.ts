import { randomUUID } from 'node:crypto';
import { DEFAULT_ORGANIZATION_ID } from '../contracts/organization';
import type { PrismaClient } from '../lib/prisma';

/** A campaign + export + ledger of `leads` businesses (lead{n}@{tag}.example), made with generate_series. */
export async function seedExportSql(
  prisma: PrismaClient,
  leads: number,
  tag: string,
): Promise<{ campaignId: string; exportId: string; instantlyCampaignId: string }> {
  const campaignId = randomUUID();
  const exportId = randomUUID();
  const instantlyCampaignId = randomUUID();
  await prisma.$executeRawUnsafe(
    `INSERT INTO gmaps_campaigns (id, organization_id, name, updated_at) VALUES ($1::uuid, $2::uuid, $3, now())`,
    campaignId,
    DEFAULT_ORGANIZATION_ID,
    `Bench ${tag}`,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO gmaps_businesses (id, campaign_id, name, email, created_at, updated_at)
     SELECT gen_random_uuid(), $1::uuid, 'Business ' || g, 'lead' || g || '@' || $2 || '.example',
            now() + g * interval '1 microsecond', now()
     FROM generate_series(1, $3::int) g`,
    campaignId,
    tag,
    leads,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO gmaps_instantly_campaigns (id, organization_id, campaign_id, instantly_campaign_id,
       instantly_campaign_name, name_tag, status, workflow_id, request, request_hash, activated,
       leads_eligible, leads_sent, leads_uploaded, updated_at)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, 'completed', $7, '{}'::jsonb, $1, true, $8, $8, $8, now())`,
    exportId,
    DEFAULT_ORGANIZATION_ID,
    campaignId,
    instantlyCampaignId,
    `Bench ${tag}`,
    `[ib-${exportId.slice(0, 8)}]`,
    `export/${exportId}`,
    leads,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO gmaps_instantly_export_leads (export_id, business_id, batch_no, outcome)
     SELECT $1::uuid, id, 0, 'uploaded' FROM gmaps_businesses WHERE campaign_id = $2::uuid`,
    exportId,
    campaignId,
  );
  return { campaignId, exportId, instantlyCampaignId };
}

/**
 * Applied events number `from` … `events - 1` spread over the export's leads: per 10 consecutive ids 3 sends
 * (steps 1–3), 3 opens, 2 clicks, 1 reply and 1 auto-reply; variants 1/2 alternate. Also (re)fills the export's
 * step counters. Calling it again with a higher `events` and `from` = the previous total grows the history.
 */
export async function seedEventsSql(
  prisma: PrismaClient,
  seeded: { campaignId: string; exportId: string; instantlyCampaignId: string },
  events: number,
  leads: number,
  from = 0,
): Promise<void> {
  await prisma.$executeRawUnsafe(
    `WITH b AS (
       SELECT id, email, row_number() OVER (ORDER BY created_at, id) - 1 AS n
       FROM gmaps_businesses WHERE campaign_id = $1::uuid
     )
     INSERT INTO gmaps_instantly_events (organization_id, dedupe_key, export_id, business_id,
       instantly_campaign_id, event_type, lead_email, step, variant, occurred_at, source, payload, received_at,
       applied_at)
     SELECT (SELECT organization_id FROM gmaps_instantly_campaigns WHERE id = $2::uuid), md5($2 || ':' || g),
       $2::uuid, b.id, $3,
       (ARRAY['email_sent','email_sent','email_sent','email_opened','email_opened','email_opened',
              'link_clicked','link_clicked','reply_received','auto_reply_received'])[g % 10 + 1],
       b.email, (g % 3) + 1, ((g / 10) % 2) + 1,
       timestamptz '2026-01-01' + g * interval '1 second', 'webhook',
       jsonb_build_object('event_type', 'bench', 'reply_text', 'Thanks, tell me more'), now(), now()
     FROM generate_series($6::int, $4::int - 1) g JOIN b ON b.n = (g / 10) % $5::int`,
    seeded.campaignId,
    seeded.exportId,
    seeded.instantlyCampaignId,
    events,
    leads,
    from,
  );
  // The rows are inserted as already applied, so add them to the step counters as the apply transaction would.
  await prisma.$executeRawUnsafe(
    `INSERT INTO gmaps_instantly_step_counters (export_id, step, variant, event_type, events)
     SELECT export_id, step, coalesce(variant, -1), event_type, count(*)::int FROM gmaps_instantly_events
     WHERE export_id = $1::uuid AND step IS NOT NULL AND applied_at IS NOT NULL GROUP BY 1, 2, 3, 4
     ON CONFLICT (export_id, step, variant, event_type) DO UPDATE SET events = excluded.events`,
    seeded.exportId,
  );
}

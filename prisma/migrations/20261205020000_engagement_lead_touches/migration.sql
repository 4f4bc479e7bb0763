-- Issue 15: engagement counters maintained incrementally. One row per (export, counted event type, lead) that
-- an applied, not superseded event touched: the apply transaction inserts ON CONFLICT DO NOTHING and adds what it
-- inserted to the export's counters, so applying a batch costs O(batch) whatever the export's history.
-- real_send (email_sent rows only) says a non-poll send of the lead exists: a poll-synthesized send counts in
-- emails_sent_count only while it is false. poll: a poll stand-in of the lead and type was counted (set once,
-- reset only by a recount): the apply transaction looks for stand-ins to supersede only where it is true.
-- Filled for existing exports below (the full recount).

-- CreateTable
CREATE TABLE "gmaps_instantly_lead_touches" (
    "export_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "lead_key" TEXT NOT NULL,
    "real_send" BOOLEAN NOT NULL DEFAULT true,
    "poll" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "gmaps_instantly_lead_touches_pkey" PRIMARY KEY ("export_id","event_type","lead_key")
);

-- AddForeignKey
ALTER TABLE "gmaps_instantly_lead_touches" ADD CONSTRAINT "gmaps_instantly_lead_touches_export_id_fkey" FOREIGN KEY ("export_id") REFERENCES "gmaps_instantly_campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: the touches of every export's applied, not superseded events of the counted types (the same lead
-- key as db/engagement-counters.ts). The counters themselves were already equal to a full recount.
INSERT INTO "gmaps_instantly_lead_touches" ("export_id", "event_type", "lead_key", "real_send", "poll")
SELECT export_id, event_type, coalesce(business_id::text, lead_email, dedupe_key), bool_or(source <> 'poll'),
       bool_or(source = 'poll')
FROM "gmaps_instantly_events"
WHERE export_id IS NOT NULL AND applied_at IS NOT NULL AND superseded_by IS NULL
  AND event_type IN ('email_sent', 'email_opened', 'link_clicked', 'reply_received', 'auto_reply_received',
                     'email_bounced', 'lead_unsubscribed')
GROUP BY 1, 2, 3;

-- Issue 17: the dashboard's daily trend counts events per day and type from the index alone (index-only scan)
-- instead of visiting a million heap rows with their payloads. The new index has the old one as its prefix, so
-- every read that used (export_id, occurred_at) still can.

-- DropIndex
DROP INDEX "gmaps_instantly_events_export_id_occurred_at_idx";

-- CreateIndex
CREATE INDEX "gmaps_instantly_events_daily_trend_idx" ON "gmaps_instantly_events"("export_id", "occurred_at", "event_type", "superseded_by");

-- AlterTable: a stand-in synthesized by repair (source 'poll') points at the real event that superseded it.
ALTER TABLE "gmaps_instantly_events" ADD COLUMN "superseded_by" BIGINT;

-- AlterTable: the last drift reports that found drift or repaired something (newest first).
ALTER TABLE "gmaps_instantly_campaigns" ADD COLUMN "drift_history" JSONB;

-- Backfill (hand-added): stand-ins whose real event was applied already are superseded now, and leave the
-- per-step counters they were added to.
WITH sup AS (
  UPDATE "gmaps_instantly_events" p SET "superseded_by" = r.id
  FROM (
    SELECT DISTINCT ON (p2.id) p2.id AS poll_id, r2.id
    FROM "gmaps_instantly_events" p2
    JOIN "gmaps_instantly_events" r2
      ON r2."export_id" = p2."export_id" AND r2."event_type" = p2."event_type" AND r2."source" <> 'poll'
     AND r2."applied_at" IS NOT NULL
     AND coalesce(r2."business_id"::text, r2."lead_email") = coalesce(p2."business_id"::text, p2."lead_email")
    WHERE p2."source" = 'poll' AND p2."applied_at" IS NOT NULL AND p2."superseded_by" IS NULL
    ORDER BY p2.id, r2.id
  ) r
  WHERE p.id = r.poll_id
  RETURNING p."export_id", p."step", p."variant", p."event_type"
), dec AS (
  SELECT "export_id", "step", coalesce("variant", -1) AS variant, "event_type", count(*)::int AS n
  FROM sup WHERE "step" IS NOT NULL GROUP BY 1, 2, 3, 4
)
UPDATE "gmaps_instantly_step_counters" s SET "events" = s."events" - dec.n
FROM dec
WHERE s."export_id" = dec."export_id" AND s."step" = dec."step" AND s."variant" = dec.variant
  AND s."event_type" = dec."event_type";

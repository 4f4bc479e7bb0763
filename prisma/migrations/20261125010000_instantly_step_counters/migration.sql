-- CreateTable
CREATE TABLE "gmaps_instantly_step_counters" (
    "export_id" UUID NOT NULL,
    "step" INTEGER NOT NULL,
    "variant" INTEGER NOT NULL,
    "event_type" TEXT NOT NULL,
    "events" INTEGER NOT NULL,

    CONSTRAINT "gmaps_instantly_step_counters_pkey" PRIMARY KEY ("export_id","step","variant","event_type")
);

-- AddForeignKey
ALTER TABLE "gmaps_instantly_step_counters" ADD CONSTRAINT "gmaps_instantly_step_counters_export_id_fkey" FOREIGN KEY ("export_id") REFERENCES "gmaps_instantly_campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill (hand-added): the events applied before this migration.
INSERT INTO "gmaps_instantly_step_counters" ("export_id", "step", "variant", "event_type", "events")
SELECT "export_id", "step", coalesce("variant", -1), "event_type", count(*)::int
FROM "gmaps_instantly_events"
WHERE "export_id" IS NOT NULL AND "step" IS NOT NULL AND "applied_at" IS NOT NULL
GROUP BY 1, 2, 3, 4;

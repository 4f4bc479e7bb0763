-- Events per organization: an event belongs to the organization whose webhook received it (or whose export a
-- sync synthesized it for). Matching to an export and deduplication are both scoped by it, so the same Instantly
-- event received by two organizations sharing one workspace is stored once for each and applied only to the
-- exports of the organization that owns the Instantly campaign.

-- AlterTable
ALTER TABLE "gmaps_instantly_events" ADD COLUMN "organization_id" UUID;

-- Backfill (hand-added): the organization of the event's export; unmatched events were received by the one
-- webhook of the deployment, i.e. the default organization's (created here if the service never started).
UPDATE "gmaps_instantly_events" e SET "organization_id" = c."organization_id"
FROM "gmaps_instantly_campaigns" c WHERE c."id" = e."export_id";

INSERT INTO "organizations" ("id", "name", "created_at", "updated_at")
SELECT '00000000-0000-4000-8000-000000000001'::uuid, 'Default organization', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
WHERE EXISTS (SELECT 1 FROM "gmaps_instantly_events" WHERE "organization_id" IS NULL)
ON CONFLICT ("id") DO NOTHING;

UPDATE "gmaps_instantly_events" SET "organization_id" = '00000000-0000-4000-8000-000000000001'::uuid
WHERE "organization_id" IS NULL;

ALTER TABLE "gmaps_instantly_events" ALTER COLUMN "organization_id" SET NOT NULL;

-- Dedupe per organization (was global).
DROP INDEX "gmaps_instantly_events_dedupe_key_key";
CREATE UNIQUE INDEX "gmaps_instantly_events_organization_id_dedupe_key_key"
  ON "gmaps_instantly_events"("organization_id", "dedupe_key");

-- AddForeignKey
ALTER TABLE "gmaps_instantly_events" ADD CONSTRAINT "gmaps_instantly_events_organization_id_fkey"
  FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Per-organization webhook secret, sealed like the API key (lib/encrypted-columns.ts). The never-read clear
-- "webhook_secret" column goes; the previous secret is kept during a rotation's grace period.
ALTER TABLE "organization_instantly_settings" DROP COLUMN "webhook_secret";
ALTER TABLE "organization_instantly_settings" ADD COLUMN "webhook_secret_encrypted" TEXT;
ALTER TABLE "organization_instantly_settings" ADD COLUMN "webhook_secret_previous_encrypted" TEXT;

-- Issue 11 item 1: never email a lead twice.
-- idempotency_key: the client's Idempotency-Key header, unique per organization (NULLs never conflict).
-- dedupe_hash: the request hash while the export holds its campaign's "identical request" slot; NULL for a
-- forced export and once an export failed or was cancelled (so an identical retry may start again).
-- leads_already_exported: leads pre-flight held back because an earlier export of the organization sent them.
ALTER TABLE "gmaps_instantly_campaigns"
    ADD COLUMN "idempotency_key" TEXT,
    ADD COLUMN "dedupe_hash" TEXT,
    ADD COLUMN "leads_already_exported" INTEGER NOT NULL DEFAULT 0;

-- Existing rows: the newest completed or running export per (campaign, request hash) takes the slot (older
-- duplicates, made before this constraint existed, keep none).
UPDATE "gmaps_instantly_campaigns" x SET "dedupe_hash" = x."request_hash"
  FROM (
    SELECT DISTINCT ON ("campaign_id", "request_hash") "id"
      FROM "gmaps_instantly_campaigns"
     WHERE "status" IN ('running', 'completed')
     ORDER BY "campaign_id", "request_hash", "created_at" DESC, "id"
  ) newest
 WHERE x."id" = newest."id";

-- CreateIndex
CREATE UNIQUE INDEX "gmaps_instantly_campaigns_organization_id_idempotency_key_key" ON "gmaps_instantly_campaigns"("organization_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "gmaps_instantly_campaigns_campaign_id_dedupe_hash_key" ON "gmaps_instantly_campaigns"("campaign_id", "dedupe_hash");

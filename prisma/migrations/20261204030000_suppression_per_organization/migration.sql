-- Suppression per organization: an erased address is suppressed in the organization that erased it, not in
-- every organization of the deployment.

-- AlterTable
ALTER TABLE "personal_data_suppressions" ADD COLUMN "organization_id" UUID;

-- Backfill (hand-added): the organization of the erased business's campaign; a suppression whose business is
-- gone (or never recorded) goes to the default organization, created here if the service never started.
UPDATE "personal_data_suppressions" s SET "organization_id" = c."organization_id"
FROM "gmaps_businesses" b JOIN "gmaps_campaigns" c ON c."id" = b."campaign_id"
WHERE b."id" = s."erased_business_id";

INSERT INTO "organizations" ("id", "name", "created_at", "updated_at")
SELECT '00000000-0000-4000-8000-000000000001'::uuid, 'Default organization', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
WHERE EXISTS (SELECT 1 FROM "personal_data_suppressions" WHERE "organization_id" IS NULL)
ON CONFLICT ("id") DO NOTHING;

UPDATE "personal_data_suppressions" SET "organization_id" = '00000000-0000-4000-8000-000000000001'::uuid
WHERE "organization_id" IS NULL;

ALTER TABLE "personal_data_suppressions" ALTER COLUMN "organization_id" SET NOT NULL;

-- Primary key: one row per (organization, address).
ALTER TABLE "personal_data_suppressions" DROP CONSTRAINT "personal_data_suppressions_pkey";
ALTER TABLE "personal_data_suppressions" ADD CONSTRAINT "personal_data_suppressions_pkey"
  PRIMARY KEY ("organization_id", "email_sha256");

-- AddForeignKey
ALTER TABLE "personal_data_suppressions" ADD CONSTRAINT "personal_data_suppressions_organization_id_fkey"
  FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateIndex (hand-added, not expressible in schema.prisma): the normalised e-mail of a business, so export
-- eligibility finds an address's bounces/unsubscribes and earlier sends by index instead of scanning every
-- business of the database.
CREATE INDEX "gmaps_businesses_email_key_idx" ON "gmaps_businesses" (lower(trim("email")));

-- When the stored Instantly API key was saved (its age is shown by GET /api/settings/instantly; the product
-- plan rotates it every 90 days). Existing keys: the row's last update is the best lower bound we have.
ALTER TABLE "organization_instantly_settings" ADD COLUMN "api_key_set_at" TIMESTAMPTZ(3);
UPDATE "organization_instantly_settings" SET "api_key_set_at" = "updated_at" WHERE "api_key_encrypted" IS NOT NULL;

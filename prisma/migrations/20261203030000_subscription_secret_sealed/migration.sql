-- Subscription signing secrets are stored sealed (AES-256-GCM with SETTINGS_ENCRYPTION_KEY, see
-- lib/subscription-secret.ts). Existing rows keep their clear `secret` until the worker first delivers to them
-- and re-seals it (secret_sealed set, secret cleared in the same UPDATE); new rows never store it in clear.
ALTER TABLE "event_subscriptions" ADD COLUMN "secret_sealed" TEXT;
ALTER TABLE "event_subscriptions" ALTER COLUMN "secret" DROP NOT NULL;

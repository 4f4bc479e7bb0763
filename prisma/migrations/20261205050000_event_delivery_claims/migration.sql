-- Issue 14 (trigger exactly once): a delivery in flight is claimed, so two activities delivering the same event at
-- the same moment (the engagement workflow's delivery pool and a sync's sweep) POST it once.

-- CreateTable
CREATE TABLE "event_delivery_claims" (
    "subscription_id" UUID NOT NULL,
    "event_id" BIGINT NOT NULL,
    "claimed_until" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "event_delivery_claims_pkey" PRIMARY KEY ("subscription_id","event_id")
);

-- CreateIndex
CREATE INDEX "event_delivery_claims_event_id_idx" ON "event_delivery_claims"("event_id");

-- AddForeignKey
ALTER TABLE "event_delivery_claims" ADD CONSTRAINT "event_delivery_claims_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "event_subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_delivery_claims" ADD CONSTRAINT "event_delivery_claims_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "gmaps_instantly_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

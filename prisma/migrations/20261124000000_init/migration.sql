-- CreateTable
CREATE TABLE "organizations" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "organization_instantly_settings" (
    "organization_id" UUID NOT NULL,
    "api_key_encrypted" TEXT,
    "api_key_last4" VARCHAR(4),
    "webhook_secret" TEXT,
    "webhook_id" TEXT,
    "webhook_status" TEXT,
    "webhook_checked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "organization_instantly_settings_pkey" PRIMARY KEY ("organization_id")
);

-- CreateTable
CREATE TABLE "gmaps_campaigns" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "keywords" TEXT,
    "location" TEXT,
    "status" TEXT NOT NULL DEFAULT 'completed',
    "exported_to_instantly" BOOLEAN NOT NULL DEFAULT false,
    "instantly_export_date" TIMESTAMPTZ(3),
    "instantly_campaign_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "gmaps_campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gmaps_businesses" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "first_name" TEXT,
    "last_name" TEXT,
    "phone" TEXT,
    "website" TEXT,
    "address" TEXT,
    "category" TEXT,
    "city" TEXT,
    "state" TEXT,
    "postal_code" TEXT,
    "rating" DOUBLE PRECISION,
    "reviews_count" INTEGER,
    "icebreaker" TEXT,
    "subject_line" TEXT,
    "instantly_sent_at" TIMESTAMPTZ(3),
    "instantly_opened_at" TIMESTAMPTZ(3),
    "instantly_clicked_at" TIMESTAMPTZ(3),
    "instantly_replied_at" TIMESTAMPTZ(3),
    "instantly_reply_text" TEXT,
    "instantly_reply_subject" TEXT,
    "instantly_engagement_score" INTEGER NOT NULL DEFAULT 0,
    "instantly_bounced_at" TIMESTAMPTZ(3),
    "instantly_unsubscribed_at" TIMESTAMPTZ(3),
    "personal_data_deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "gmaps_businesses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gmaps_instantly_campaigns" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "instantly_campaign_id" TEXT,
    "instantly_campaign_name" TEXT NOT NULL,
    "name_tag" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "workflow_id" TEXT NOT NULL,
    "request" JSONB NOT NULL,
    "request_hash" TEXT NOT NULL,
    "timezone_requested" TEXT,
    "timezone_used" TEXT,
    "activated" BOOLEAN NOT NULL DEFAULT false,
    "error_type" TEXT,
    "error_message" TEXT,
    "leads_eligible" INTEGER NOT NULL DEFAULT 0,
    "leads_sent" INTEGER NOT NULL DEFAULT 0,
    "leads_uploaded" INTEGER NOT NULL DEFAULT 0,
    "leads_duplicate" INTEGER NOT NULL DEFAULT 0,
    "leads_invalid" INTEGER NOT NULL DEFAULT 0,
    "leads_blocklisted" INTEGER NOT NULL DEFAULT 0,
    "leads_skipped" INTEGER NOT NULL DEFAULT 0,
    "batches_total" INTEGER NOT NULL DEFAULT 0,
    "batches_done" INTEGER NOT NULL DEFAULT 0,
    "emails_sent_count" INTEGER NOT NULL DEFAULT 0,
    "contacted_count" INTEGER NOT NULL DEFAULT 0,
    "opened_count" INTEGER NOT NULL DEFAULT 0,
    "clicked_count" INTEGER NOT NULL DEFAULT 0,
    "replied_count" INTEGER NOT NULL DEFAULT 0,
    "auto_replied_count" INTEGER NOT NULL DEFAULT 0,
    "bounced_count" INTEGER NOT NULL DEFAULT 0,
    "unsubscribed_count" INTEGER NOT NULL DEFAULT 0,
    "last_synced_at" TIMESTAMPTZ(3),
    "last_drift" JSONB,
    "completed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "gmaps_instantly_campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gmaps_instantly_export_batches" (
    "export_id" UUID NOT NULL,
    "batch_no" INTEGER NOT NULL,
    "leads_sent" INTEGER NOT NULL,
    "uploaded" INTEGER NOT NULL,
    "duplicate" INTEGER NOT NULL,
    "invalid" INTEGER NOT NULL,
    "blocklisted" INTEGER NOT NULL,
    "skipped" INTEGER NOT NULL,
    "response" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gmaps_instantly_export_batches_pkey" PRIMARY KEY ("export_id","batch_no")
);

-- CreateTable
CREATE TABLE "gmaps_instantly_export_leads" (
    "export_id" UUID NOT NULL,
    "business_id" UUID NOT NULL,
    "batch_no" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "instantly_lead_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gmaps_instantly_export_leads_pkey" PRIMARY KEY ("export_id","business_id")
);

-- CreateTable
CREATE TABLE "gmaps_instantly_events" (
    "id" BIGSERIAL NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "export_id" UUID,
    "business_id" UUID,
    "instantly_campaign_id" TEXT,
    "event_type" TEXT NOT NULL,
    "known_type" BOOLEAN NOT NULL DEFAULT true,
    "unmatched" BOOLEAN NOT NULL DEFAULT false,
    "lead_email" TEXT,
    "step" INTEGER,
    "variant" INTEGER,
    "email_id" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'webhook',
    "payload" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "applied_at" TIMESTAMPTZ(3),

    CONSTRAINT "gmaps_instantly_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_subscriptions" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "target_url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "event_types" TEXT[],
    "campaign_ids" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_deliveries" (
    "subscription_id" UUID NOT NULL,
    "event_id" BIGINT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "status_code" INTEGER NOT NULL,
    "delivered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_deliveries_pkey" PRIMARY KEY ("subscription_id","event_id")
);

-- CreateIndex
CREATE INDEX "gmaps_campaigns_organization_id_created_at_idx" ON "gmaps_campaigns"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "gmaps_businesses_campaign_id_id_idx" ON "gmaps_businesses"("campaign_id", "id");

-- CreateIndex
CREATE INDEX "gmaps_businesses_email_idx" ON "gmaps_businesses"("email");

-- CreateIndex
CREATE UNIQUE INDEX "gmaps_instantly_campaigns_instantly_campaign_id_key" ON "gmaps_instantly_campaigns"("instantly_campaign_id");

-- CreateIndex
CREATE UNIQUE INDEX "gmaps_instantly_campaigns_name_tag_key" ON "gmaps_instantly_campaigns"("name_tag");

-- CreateIndex
CREATE INDEX "gmaps_instantly_campaigns_campaign_id_created_at_idx" ON "gmaps_instantly_campaigns"("campaign_id", "created_at");

-- CreateIndex
CREATE INDEX "gmaps_instantly_campaigns_campaign_id_request_hash_status_idx" ON "gmaps_instantly_campaigns"("campaign_id", "request_hash", "status");

-- CreateIndex
CREATE INDEX "gmaps_instantly_export_leads_business_id_idx" ON "gmaps_instantly_export_leads"("business_id");

-- CreateIndex
CREATE INDEX "gmaps_instantly_export_leads_export_id_outcome_idx" ON "gmaps_instantly_export_leads"("export_id", "outcome");

-- CreateIndex
CREATE UNIQUE INDEX "gmaps_instantly_events_dedupe_key_key" ON "gmaps_instantly_events"("dedupe_key");

-- CreateIndex
CREATE INDEX "gmaps_instantly_events_export_id_occurred_at_idx" ON "gmaps_instantly_events"("export_id", "occurred_at");

-- CreateIndex
CREATE INDEX "gmaps_instantly_events_export_id_event_type_id_idx" ON "gmaps_instantly_events"("export_id", "event_type", "id");

-- CreateIndex
CREATE INDEX "gmaps_instantly_events_instantly_campaign_id_idx" ON "gmaps_instantly_events"("instantly_campaign_id");

-- CreateIndex
CREATE INDEX "gmaps_instantly_events_business_id_idx" ON "gmaps_instantly_events"("business_id");

-- CreateIndex
CREATE UNIQUE INDEX "event_subscriptions_organization_id_target_url_key" ON "event_subscriptions"("organization_id", "target_url");

-- AddForeignKey
ALTER TABLE "organization_instantly_settings" ADD CONSTRAINT "organization_instantly_settings_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gmaps_campaigns" ADD CONSTRAINT "gmaps_campaigns_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gmaps_businesses" ADD CONSTRAINT "gmaps_businesses_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "gmaps_campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gmaps_instantly_campaigns" ADD CONSTRAINT "gmaps_instantly_campaigns_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gmaps_instantly_campaigns" ADD CONSTRAINT "gmaps_instantly_campaigns_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "gmaps_campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gmaps_instantly_export_batches" ADD CONSTRAINT "gmaps_instantly_export_batches_export_id_fkey" FOREIGN KEY ("export_id") REFERENCES "gmaps_instantly_campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gmaps_instantly_export_leads" ADD CONSTRAINT "gmaps_instantly_export_leads_export_id_fkey" FOREIGN KEY ("export_id") REFERENCES "gmaps_instantly_campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gmaps_instantly_export_leads" ADD CONSTRAINT "gmaps_instantly_export_leads_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "gmaps_businesses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gmaps_instantly_events" ADD CONSTRAINT "gmaps_instantly_events_export_id_fkey" FOREIGN KEY ("export_id") REFERENCES "gmaps_instantly_campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gmaps_instantly_events" ADD CONSTRAINT "gmaps_instantly_events_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "gmaps_businesses"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_subscriptions" ADD CONSTRAINT "event_subscriptions_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "event_deliveries_event_id_idx" ON "event_deliveries"("event_id");

-- AddForeignKey
ALTER TABLE "event_deliveries" ADD CONSTRAINT "event_deliveries_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "event_subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_deliveries" ADD CONSTRAINT "event_deliveries_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "gmaps_instantly_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

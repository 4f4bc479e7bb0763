-- Issue 16: reply labels per reply event, the latest label and interest state per business, and the history of
-- every signal (our classifier and Instantly's own interest events) that set it.

-- AlterTable
ALTER TABLE "gmaps_instantly_events" ADD COLUMN "reply_label" TEXT,
ADD COLUMN "reply_confidence" DOUBLE PRECISION,
ADD COLUMN "reply_classifier_version" TEXT,
ADD COLUMN "reply_return_date" DATE,
ADD COLUMN "reply_labelled_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "gmaps_businesses" ADD COLUMN "reply_label" TEXT,
ADD COLUMN "interest_status" TEXT,
ADD COLUMN "interest_source" TEXT,
ADD COLUMN "interest_updated_at" TIMESTAMPTZ(3),
ADD COLUMN "ooo_return_date" DATE;

-- CreateTable
CREATE TABLE "gmaps_business_interest_history" (
    "id" BIGSERIAL NOT NULL,
    "business_id" UUID NOT NULL,
    "event_id" BIGINT NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "classifier_version" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gmaps_business_interest_history_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "gmaps_business_interest_history_event_id_key" ON "gmaps_business_interest_history"("event_id");

-- CreateIndex
CREATE INDEX "gmaps_business_interest_history_business_id_occurred_at_idx" ON "gmaps_business_interest_history"("business_id", "occurred_at");

-- AddForeignKey
ALTER TABLE "gmaps_business_interest_history" ADD CONSTRAINT "gmaps_business_interest_history_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "gmaps_businesses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gmaps_business_interest_history" ADD CONSTRAINT "gmaps_business_interest_history_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "gmaps_instantly_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

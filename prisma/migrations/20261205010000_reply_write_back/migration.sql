-- Issue 16: per-organization write-back switches (off by default) and the write-back ledger (one row per
-- classified reply event: claimed before Instantly is called, marked when Instantly accepted it).

-- AlterTable
ALTER TABLE "organization_instantly_settings" ADD COLUMN "interest_write_back" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "block_list_write_back" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "gmaps_reply_write_backs" (
    "event_id" BIGINT NOT NULL,
    "organization_id" UUID NOT NULL,
    "export_id" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "interest_value" INTEGER,
    "interest_outcome" TEXT NOT NULL,
    "interest_attempts" INTEGER NOT NULL DEFAULT 0,
    "interest_written_at" TIMESTAMPTZ(3),
    "block_outcome" TEXT,
    "block_attempts" INTEGER NOT NULL DEFAULT 0,
    "block_written_at" TIMESTAMPTZ(3),
    "suppressed_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gmaps_reply_write_backs_pkey" PRIMARY KEY ("event_id")
);

-- CreateIndex
CREATE INDEX "gmaps_reply_write_backs_export_id_idx" ON "gmaps_reply_write_backs"("export_id");

-- AddForeignKey
ALTER TABLE "gmaps_reply_write_backs" ADD CONSTRAINT "gmaps_reply_write_backs_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "gmaps_instantly_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable: why an address is suppressed (only an erasure strips later events of the address).
ALTER TABLE "personal_data_suppressions" ADD COLUMN "reason" TEXT NOT NULL DEFAULT 'erasure';

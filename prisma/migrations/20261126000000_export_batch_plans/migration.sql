-- DropIndex
DROP INDEX "gmaps_instantly_export_leads_export_id_outcome_idx";

-- CreateTable
CREATE TABLE "gmaps_instantly_export_batch_plans" (
    "export_id" UUID NOT NULL,
    "batch_no" INTEGER NOT NULL,
    "business_ids" UUID[],

    CONSTRAINT "gmaps_instantly_export_batch_plans_pkey" PRIMARY KEY ("export_id","batch_no")
);

-- AddForeignKey
ALTER TABLE "gmaps_instantly_export_batch_plans" ADD CONSTRAINT "gmaps_instantly_export_batch_plans_export_id_fkey" FOREIGN KEY ("export_id") REFERENCES "gmaps_instantly_campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Issue 18 item 3: Instantly's per-step analytics as the last sync read them, to repair step figures and total
-- sends after a webhook outage.

-- CreateTable
CREATE TABLE "gmaps_instantly_step_figures" (
    "export_id" UUID NOT NULL,
    "step" INTEGER NOT NULL,
    "variant" INTEGER NOT NULL,
    "sent" INTEGER NOT NULL,
    "opened" INTEGER NOT NULL,
    "clicked" INTEGER NOT NULL,
    "replied" INTEGER NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "gmaps_instantly_step_figures_pkey" PRIMARY KEY ("export_id","step","variant")
);

-- AddForeignKey
ALTER TABLE "gmaps_instantly_step_figures" ADD CONSTRAINT "gmaps_instantly_step_figures_export_id_fkey" FOREIGN KEY ("export_id") REFERENCES "gmaps_instantly_campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

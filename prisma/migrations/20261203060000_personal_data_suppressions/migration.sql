-- CreateTable
CREATE TABLE "personal_data_suppressions" (
    "email_sha256" TEXT NOT NULL,
    "erased_business_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "personal_data_suppressions_pkey" PRIMARY KEY ("email_sha256")
);

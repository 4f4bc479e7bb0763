-- CreateTable: bearer tokens of organizations. Only the SHA-256 of a token is stored (it is shown once, when
-- issued); a revoked token keeps its row (revoked_at) so the admin API can list what was revoked and when.
CREATE TABLE "organization_api_tokens" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "token_sha256" TEXT NOT NULL,
    "label" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "organization_api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organization_api_tokens_token_sha256_key" ON "organization_api_tokens"("token_sha256");

-- CreateIndex
CREATE INDEX "organization_api_tokens_organization_id_idx" ON "organization_api_tokens"("organization_id");

-- AddForeignKey
ALTER TABLE "organization_api_tokens" ADD CONSTRAINT "organization_api_tokens_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

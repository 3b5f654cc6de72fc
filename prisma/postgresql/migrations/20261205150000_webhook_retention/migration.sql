-- CreateTable
CREATE TABLE "WebhookPurgedAttempts" (
    "outcome" TEXT NOT NULL,
    "count" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "WebhookPurgedAttempts_pkey" PRIMARY KEY ("outcome")
);

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_deliveredAt_idx" ON "WebhookDelivery"("status", "deliveredAt");


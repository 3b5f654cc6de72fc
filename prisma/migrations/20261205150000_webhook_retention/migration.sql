-- CreateTable
CREATE TABLE "WebhookPurgedAttempts" (
    "outcome" TEXT NOT NULL PRIMARY KEY,
    "count" BIGINT NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_deliveredAt_idx" ON "WebhookDelivery"("status", "deliveredAt");


-- The merchants list's count per state, found through indexes instead of deciding every merchant's state.
-- The lease and the started refresh are set only while a refresh runs (or after one stopped), so their indexes
-- are partial: a token set at rest is in neither, and a refresh's writes rarely touch them. The data model
-- cannot express partial indexes, so they live here alone.

-- CreateIndex
CREATE INDEX "Merchant_unlinkedAt_idx" ON "Merchant"("unlinkedAt");

-- CreateIndex
CREATE INDEX "MerchantTokenSet_leaseUntil_idx" ON "MerchantTokenSet"("leaseUntil") WHERE "leaseUntil" IS NOT NULL;

-- CreateIndex
CREATE INDEX "MerchantTokenSet_refreshStartedAt_idx" ON "MerchantTokenSet"("refreshStartedAt") WHERE "refreshStartedAt" IS NOT NULL;

-- CreateIndex
CREATE INDEX "MerchantTokenSet_accessTokenExpiresAt_idx" ON "MerchantTokenSet"("accessTokenExpiresAt");

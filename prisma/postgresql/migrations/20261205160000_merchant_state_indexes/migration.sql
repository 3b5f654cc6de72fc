-- The merchants list's count per state, found through indexes instead of deciding every merchant's state.

-- CreateIndex
CREATE INDEX "Merchant_unlinkedAt_idx" ON "Merchant"("unlinkedAt");

-- CreateIndex
CREATE INDEX "MerchantTokenSet_leaseUntil_idx" ON "MerchantTokenSet"("leaseUntil");

-- CreateIndex
CREATE INDEX "MerchantTokenSet_refreshStartedAt_idx" ON "MerchantTokenSet"("refreshStartedAt");

-- CreateIndex
CREATE INDEX "MerchantTokenSet_accessTokenExpiresAt_idx" ON "MerchantTokenSet"("accessTokenExpiresAt");

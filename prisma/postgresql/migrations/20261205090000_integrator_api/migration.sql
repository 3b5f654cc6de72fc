-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "lastFour" TEXT NOT NULL,
    "environments" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "returnUrlOrigins" TEXT NOT NULL DEFAULT '',
    "expiresAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedByLabel" TEXT,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TokenHandout" (
    "id" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "handedOutAt" TIMESTAMP(3) NOT NULL,
    "refreshed" BOOLEAN NOT NULL,

    CONSTRAINT "TokenHandout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiConsentLink" (
    "invitationId" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "returnUrl" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiConsentLink_pkey" PRIMARY KEY ("invitationId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_secretHash_key" ON "ApiKey"("secretHash");

-- CreateIndex
CREATE INDEX "ApiKey_createdAt_idx" ON "ApiKey"("createdAt");

-- CreateIndex
CREATE INDEX "TokenHandout_merchantId_handedOutAt_idx" ON "TokenHandout"("merchantId", "handedOutAt");

-- CreateIndex
CREATE INDEX "TokenHandout_apiKeyId_handedOutAt_idx" ON "TokenHandout"("apiKeyId", "handedOutAt");

-- CreateIndex
CREATE INDEX "ApiConsentLink_apiKeyId_createdAt_idx" ON "ApiConsentLink"("apiKeyId", "createdAt");


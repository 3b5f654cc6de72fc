-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "lastFour" TEXT NOT NULL,
    "environments" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "returnUrlOrigins" TEXT NOT NULL DEFAULT '',
    "expiresAt" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    "revokedByLabel" TEXT
);

-- CreateTable
CREATE TABLE "TokenHandout" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "apiKeyId" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "handedOutAt" DATETIME NOT NULL,
    "refreshed" BOOLEAN NOT NULL
);

-- CreateTable
CREATE TABLE "ApiConsentLink" (
    "invitationId" TEXT NOT NULL PRIMARY KEY,
    "apiKeyId" TEXT NOT NULL,
    "returnUrl" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
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


/*
  Warnings:

  - Added the required column `accessTokenIssuedAt` to the `MerchantTokenSet` table without a default value. This is not possible if the table is not empty.

*/
-- CreateTable
CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "merchantName" TEXT NOT NULL,
    "vatNumber" TEXT NOT NULL,
    "products" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'created',
    "failureReason" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "openedAt" DATETIME,
    "completedAt" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdByLabel" TEXT NOT NULL,
    "merchantId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Invitation_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LinkTransaction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "invitationId" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "consumedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LinkTransaction_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CallbackRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "invitationId" TEXT,
    "environment" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL,
    "failedCheck" TEXT,
    "checks" TEXT NOT NULL DEFAULT '[]',
    "clockOffsetSeconds" INTEGER,
    "tokenEndpointStatus" INTEGER,
    "tokenEndpointError" TEXT,
    CONSTRAINT "CallbackRecord_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Merchant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "environment" TEXT NOT NULL,
    "mobilePayId" TEXT,
    "vatNumber" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "subject" TEXT,
    "issuer" TEXT,
    "products" TEXT NOT NULL,
    "unlinkedAt" DATETIME,
    "lastActivityAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Merchant" ("createdAt", "environment", "id", "mobilePayId", "name", "products", "subject", "updatedAt", "vatNumber") SELECT "createdAt", "environment", "id", "mobilePayId", "name", "products", "subject", "updatedAt", "vatNumber" FROM "Merchant";
DROP TABLE "Merchant";
ALTER TABLE "new_Merchant" RENAME TO "Merchant";
CREATE INDEX "Merchant_vatNumber_idx" ON "Merchant"("vatNumber");
CREATE INDEX "Merchant_name_idx" ON "Merchant"("name");
CREATE INDEX "Merchant_environment_lastActivityAt_idx" ON "Merchant"("environment", "lastActivityAt");
CREATE INDEX "Merchant_lastActivityAt_idx" ON "Merchant"("lastActivityAt");
CREATE UNIQUE INDEX "Merchant_environment_mobilePayId_key" ON "Merchant"("environment", "mobilePayId");
CREATE TABLE "new_MerchantTokenSet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "accessTokenCiphertext" TEXT NOT NULL,
    "refreshTokenCiphertext" TEXT NOT NULL,
    "idTokenCiphertext" TEXT,
    "keyId" TEXT NOT NULL,
    "accessTokenExpiresAt" DATETIME NOT NULL,
    "grantedScopes" TEXT NOT NULL,
    "idTokenClaims" TEXT NOT NULL DEFAULT '{}',
    "accessTokenClaims" TEXT NOT NULL DEFAULT '{}',
    "accessTokenIssuedAt" DATETIME NOT NULL,
    "refreshTokenFingerprint" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "lastRefreshedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MerchantTokenSet_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_MerchantTokenSet" ("accessTokenCiphertext", "accessTokenExpiresAt", "createdAt", "grantedScopes", "id", "idTokenCiphertext", "keyId", "lastRefreshedAt", "leaseOwner", "leaseUntil", "merchantId", "refreshTokenCiphertext", "refreshTokenFingerprint", "updatedAt", "version") SELECT "accessTokenCiphertext", "accessTokenExpiresAt", "createdAt", "grantedScopes", "id", "idTokenCiphertext", "keyId", "lastRefreshedAt", "leaseOwner", "leaseUntil", "merchantId", "refreshTokenCiphertext", "refreshTokenFingerprint", "updatedAt", "version" FROM "MerchantTokenSet";
DROP TABLE "MerchantTokenSet";
ALTER TABLE "new_MerchantTokenSet" RENAME TO "MerchantTokenSet";
CREATE UNIQUE INDEX "MerchantTokenSet_merchantId_key" ON "MerchantTokenSet"("merchantId");
CREATE INDEX "MerchantTokenSet_keyId_idx" ON "MerchantTokenSet"("keyId");
CREATE INDEX "MerchantTokenSet_lastRefreshedAt_idx" ON "MerchantTokenSet"("lastRefreshedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_status_createdAt_idx" ON "Invitation"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Invitation_createdAt_idx" ON "Invitation"("createdAt");

-- CreateIndex
CREATE INDEX "Invitation_merchantId_idx" ON "Invitation"("merchantId");

-- CreateIndex
CREATE INDEX "LinkTransaction_invitationId_idx" ON "LinkTransaction"("invitationId");

-- CreateIndex
CREATE INDEX "CallbackRecord_invitationId_receivedAt_idx" ON "CallbackRecord"("invitationId", "receivedAt");

-- CreateIndex
CREATE INDEX "CallbackRecord_receivedAt_idx" ON "CallbackRecord"("receivedAt");

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "failureKind" TEXT,
    "failureReason" TEXT,
    "failureAt" DATETIME,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "refreshStartedAt" DATETIME,
    "refreshFingerprintSent" TEXT,
    "previousRefreshTokenFingerprint" TEXT,
    "rotationMode" TEXT NOT NULL DEFAULT 'unknown',
    "lastRotationAt" DATETIME,
    "refreshCount" INTEGER NOT NULL DEFAULT 0,
    "raceRecoveries" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MerchantTokenSet_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_MerchantTokenSet" ("accessTokenCiphertext", "accessTokenClaims", "accessTokenExpiresAt", "accessTokenIssuedAt", "createdAt", "grantedScopes", "id", "idTokenCiphertext", "idTokenClaims", "keyId", "lastRefreshedAt", "leaseOwner", "leaseUntil", "merchantId", "refreshTokenCiphertext", "refreshTokenFingerprint", "updatedAt", "version") SELECT "accessTokenCiphertext", "accessTokenClaims", "accessTokenExpiresAt", "accessTokenIssuedAt", "createdAt", "grantedScopes", "id", "idTokenCiphertext", "idTokenClaims", "keyId", "lastRefreshedAt", "leaseOwner", "leaseUntil", "merchantId", "refreshTokenCiphertext", "refreshTokenFingerprint", "updatedAt", "version" FROM "MerchantTokenSet";
DROP TABLE "MerchantTokenSet";
ALTER TABLE "new_MerchantTokenSet" RENAME TO "MerchantTokenSet";
CREATE UNIQUE INDEX "MerchantTokenSet_merchantId_key" ON "MerchantTokenSet"("merchantId");
CREATE INDEX "MerchantTokenSet_keyId_idx" ON "MerchantTokenSet"("keyId");
CREATE INDEX "MerchantTokenSet_lastRefreshedAt_idx" ON "MerchantTokenSet"("lastRefreshedAt");
CREATE INDEX "MerchantTokenSet_failureKind_idx" ON "MerchantTokenSet"("failureKind");
CREATE INDEX "MerchantTokenSet_nextAttemptAt_idx" ON "MerchantTokenSet"("nextAttemptAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

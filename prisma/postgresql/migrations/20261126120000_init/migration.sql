-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Merchant" (
    "id" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "mobilePayId" TEXT,
    "vatNumber" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "subject" TEXT,
    "issuer" TEXT,
    "products" TEXT NOT NULL,
    "unlinkedAt" TIMESTAMP(3),
    "lastActivityAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Merchant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MerchantTokenSet" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "accessTokenCiphertext" TEXT NOT NULL,
    "refreshTokenCiphertext" TEXT NOT NULL,
    "idTokenCiphertext" TEXT,
    "keyId" TEXT NOT NULL,
    "accessTokenExpiresAt" TIMESTAMP(3) NOT NULL,
    "grantedScopes" TEXT NOT NULL,
    "idTokenClaims" TEXT NOT NULL DEFAULT '{}',
    "accessTokenClaims" TEXT NOT NULL DEFAULT '{}',
    "accessTokenIssuedAt" TIMESTAMP(3) NOT NULL,
    "refreshTokenFingerprint" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "lastRefreshedAt" TIMESTAMP(3),
    "failureKind" TEXT,
    "failureReason" TEXT,
    "failureAt" TIMESTAMP(3),
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "refreshStartedAt" TIMESTAMP(3),
    "refreshFingerprintSent" TEXT,
    "previousRefreshTokenFingerprint" TEXT,
    "rotationMode" TEXT NOT NULL DEFAULT 'unknown',
    "lastRotationAt" TIMESTAMP(3),
    "refreshCount" INTEGER NOT NULL DEFAULT 0,
    "raceRecoveries" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MerchantTokenSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "environment" TEXT,
    "merchantId" TEXT,
    "outcome" TEXT NOT NULL DEFAULT 'success',
    "details" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "merchantName" TEXT NOT NULL,
    "vatNumber" TEXT NOT NULL,
    "products" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'created',
    "failureReason" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "openedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdByLabel" TEXT NOT NULL,
    "merchantId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinkTransaction" (
    "id" TEXT NOT NULL,
    "invitationId" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "consumedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LinkTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallbackRecord" (
    "id" TEXT NOT NULL,
    "invitationId" TEXT,
    "environment" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL,
    "failedCheck" TEXT,
    "checks" TEXT NOT NULL DEFAULT '[]',
    "clockOffsetSeconds" INTEGER,
    "tokenEndpointStatus" INTEGER,
    "tokenEndpointError" TEXT,

    CONSTRAINT "CallbackRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SampleCall" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "product" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "requestHeaders" TEXT NOT NULL DEFAULT '{}',
    "requestBody" TEXT,
    "responseStatus" INTEGER,
    "responseBody" TEXT,
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    "correlationId" TEXT,
    "refreshed" BOOLEAN NOT NULL DEFAULT false,
    "outcome" TEXT NOT NULL,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "staffId" TEXT NOT NULL,
    "staffLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SampleCall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReceivedCallback" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT,
    "environment" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "verified" BOOLEAN NOT NULL,
    "verificationDetail" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReceivedCallback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchedulerRun" (
    "id" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "processed" INTEGER NOT NULL DEFAULT 0,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "backlog" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "SchedulerRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "job" TEXT NOT NULL,
    "owner" TEXT,
    "leaseUntil" TIMESTAMP(3),

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("job")
);

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_email_key" ON "StaffUser"("email");

-- CreateIndex
CREATE INDEX "Merchant_vatNumber_idx" ON "Merchant"("vatNumber");

-- CreateIndex
CREATE INDEX "Merchant_name_idx" ON "Merchant"("name");

-- CreateIndex
CREATE INDEX "Merchant_environment_lastActivityAt_idx" ON "Merchant"("environment", "lastActivityAt");

-- CreateIndex
CREATE INDEX "Merchant_lastActivityAt_idx" ON "Merchant"("lastActivityAt");

-- CreateIndex
CREATE UNIQUE INDEX "Merchant_environment_mobilePayId_key" ON "Merchant"("environment", "mobilePayId");

-- CreateIndex
CREATE UNIQUE INDEX "MerchantTokenSet_merchantId_key" ON "MerchantTokenSet"("merchantId");

-- CreateIndex
CREATE INDEX "MerchantTokenSet_keyId_idx" ON "MerchantTokenSet"("keyId");

-- CreateIndex
CREATE INDEX "MerchantTokenSet_lastRefreshedAt_idx" ON "MerchantTokenSet"("lastRefreshedAt");

-- CreateIndex
CREATE INDEX "MerchantTokenSet_failureKind_idx" ON "MerchantTokenSet"("failureKind");

-- CreateIndex
CREATE INDEX "MerchantTokenSet_nextAttemptAt_idx" ON "MerchantTokenSet"("nextAttemptAt");

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_idx" ON "AuditEvent"("occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_merchantId_occurredAt_idx" ON "AuditEvent"("merchantId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_action_occurredAt_idx" ON "AuditEvent"("action", "occurredAt");

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

-- CreateIndex
CREATE INDEX "SampleCall_merchantId_createdAt_idx" ON "SampleCall"("merchantId", "createdAt");

-- CreateIndex
CREATE INDEX "ReceivedCallback_merchantId_receivedAt_idx" ON "ReceivedCallback"("merchantId", "receivedAt");

-- CreateIndex
CREATE INDEX "ReceivedCallback_receivedAt_idx" ON "ReceivedCallback"("receivedAt");

-- CreateIndex
CREATE INDEX "SchedulerRun_job_startedAt_idx" ON "SchedulerRun"("job", "startedAt");

-- AddForeignKey
ALTER TABLE "MerchantTokenSet" ADD CONSTRAINT "MerchantTokenSet_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkTransaction" ADD CONSTRAINT "LinkTransaction_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallbackRecord" ADD CONSTRAINT "CallbackRecord_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SampleCall" ADD CONSTRAINT "SampleCall_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReceivedCallback" ADD CONSTRAINT "ReceivedCallback_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE SET NULL ON UPDATE CASCADE;


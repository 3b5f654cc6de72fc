-- AlterTable
ALTER TABLE "StaffUser" ADD COLUMN "sessionGeneration" INTEGER NOT NULL DEFAULT 0;

-- CreateEnum
CREATE TYPE "EnforcementKind" AS ENUM ('WARNING', 'ADMINISTRATIVE_ORDER', 'API_KEY_SUSPENSION', 'DATASET_RESTRICTION', 'ATTORNEY_REFERRAL');

-- CreateEnum
CREATE TYPE "EnforcementAppealOutcome" AS ENUM ('UPHELD', 'OVERTURNED');

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "suspendedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN     "fixedByChangeSequence" BIGINT,
ADD COLUMN     "flagsDatasetForReview" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "idempotencyKey" TEXT,
ADD COLUMN     "slaDueAt" TIMESTAMPTZ(3),
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "ComplaintRoute" (
    "category" "ComplaintCategory" NOT NULL,
    "teams" "RoutingTeam"[],
    "priority" "Priority" NOT NULL,
    "flagsDatasetForReview" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplaintRoute_pkey" PRIMARY KEY ("category")
);

-- CreateTable
CREATE TABLE "EnforcementAction" (
    "id" UUID NOT NULL,
    "complaintId" UUID NOT NULL,
    "kind" "EnforcementKind" NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "apiKeyId" UUID,
    "restrictedTo" "AccessLevel",
    "previousAccessLevel" "AccessLevel",
    "previousRights" TEXT,
    "takenById" UUID NOT NULL,
    "takenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "liftedAt" TIMESTAMPTZ(3),
    "liftedById" UUID,
    "liftReason" TEXT,
    "appealedAt" TIMESTAMPTZ(3),
    "appealReason" TEXT,
    "appealOutcome" "EnforcementAppealOutcome",
    "appealNote" TEXT,
    "appealDecidedById" UUID,
    "appealDecidedAt" TIMESTAMPTZ(3),

    CONSTRAINT "EnforcementAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EnforcementAction_complaintId_idx" ON "EnforcementAction"("complaintId");

-- CreateIndex
CREATE INDEX "EnforcementAction_apiKeyId_idx" ON "EnforcementAction"("apiKeyId");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_idempotencyKey_key" ON "Complaint"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Complaint_slaDueAt_idx" ON "Complaint"("slaDueAt");

-- AddForeignKey
ALTER TABLE "EnforcementAction" ADD CONSTRAINT "EnforcementAction_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnforcementAction" ADD CONSTRAINT "EnforcementAction_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The city's default routing (domain rules); admins change it with setComplaintRoute.
INSERT INTO "ComplaintRoute" ("category", "teams", "priority", "flagsDatasetForReview") VALUES
  ('DATA_MISUSE', ARRAY['CODE_COMPLIANCE']::"RoutingTeam"[], 'NORMAL', false),
  ('DATASET_ERROR', ARRAY['STEWARD']::"RoutingTeam"[], 'NORMAL', false),
  ('ACCESS_PROBLEM', ARRAY['IT']::"RoutingTeam"[], 'NORMAL', false),
  ('EXPOSED_PERSONAL_DATA', ARRAY['IT', 'STEWARD']::"RoutingTeam"[], 'URGENT', true),
  ('LICENSE_QUESTION', ARRAY['STEWARD']::"RoutingTeam"[], 'NORMAL', false);

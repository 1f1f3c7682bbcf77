-- CreateEnum
CREATE TYPE "FollowTokenPurpose" AS ENUM ('CONFIRM', 'UNSUBSCRIBE');

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "headers" JSONB;

-- CreateTable
CREATE TABLE "DatasetFollow" (
    "id" UUID NOT NULL,
    "datasetId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "confirmedAt" TIMESTAMPTZ(3),
    "lastSequence" BIGINT NOT NULL DEFAULT 0,
    "lastDigestAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DatasetFollow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowToken" (
    "id" UUID NOT NULL,
    "hash" TEXT NOT NULL,
    "purpose" "FollowTokenPurpose" NOT NULL,
    "followId" UUID NOT NULL,
    "alsoFollowIds" UUID[],
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FollowToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DatasetFollow_email_idx" ON "DatasetFollow"("email");

-- CreateIndex
CREATE UNIQUE INDEX "DatasetFollow_datasetId_email_key" ON "DatasetFollow"("datasetId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "FollowToken_hash_key" ON "FollowToken"("hash");

-- CreateIndex
CREATE INDEX "FollowToken_followId_idx" ON "FollowToken"("followId");

-- AddForeignKey
ALTER TABLE "DatasetFollow" ADD CONSTRAINT "DatasetFollow_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowToken" ADD CONSTRAINT "FollowToken_followId_fkey" FOREIGN KEY ("followId") REFERENCES "DatasetFollow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

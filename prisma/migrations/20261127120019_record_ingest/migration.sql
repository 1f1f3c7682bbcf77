-- CreateEnum
CREATE TYPE "ImportMode" AS ENUM ('APPEND', 'UPSERT', 'REPLACE');

-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "keyField" TEXT;

-- AlterTable
ALTER TABLE "DatasetField" ADD COLUMN     "indexed" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Record" ADD COLUMN     "changeSequence" BIGINT;

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" UUID NOT NULL,
    "datasetId" UUID NOT NULL,
    "mode" "ImportMode" NOT NULL,
    "inserted" INTEGER NOT NULL,
    "updated" INTEGER NOT NULL,
    "deleted" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "changeSequence" BIGINT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecordTombstone" (
    "id" SERIAL NOT NULL,
    "datasetId" UUID NOT NULL,
    "recordId" INTEGER NOT NULL,
    "changeSequence" BIGINT NOT NULL,
    "deletedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecordTombstone_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ImportBatch_changeSequence_key" ON "ImportBatch"("changeSequence");

-- CreateIndex
CREATE INDEX "ImportBatch_datasetId_createdAt_idx" ON "ImportBatch"("datasetId", "createdAt");

-- CreateIndex
CREATE INDEX "RecordTombstone_datasetId_changeSequence_idx" ON "RecordTombstone"("datasetId", "changeSequence");

-- CreateIndex
CREATE INDEX "Record_datasetId_changeSequence_idx" ON "Record"("datasetId", "changeSequence");

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

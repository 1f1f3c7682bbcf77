-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "archivedAt" TIMESTAMPTZ(3),
ADD COLUMN     "harvestSource" TEXT,
ADD COLUMN     "harvestedAt" TIMESTAMPTZ(3),
ADD COLUMN     "upstreamModified" TEXT;

-- CreateIndex
CREATE INDEX "Dataset_harvestSource_idx" ON "Dataset"("harvestSource");

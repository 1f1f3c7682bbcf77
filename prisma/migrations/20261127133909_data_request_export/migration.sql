-- CreateEnum
CREATE TYPE "RecordExportFormat" AS ENUM ('CSV', 'GEOJSON');

-- CreateTable
CREATE TABLE "DataRequestExport" (
    "requestId" UUID NOT NULL,
    "datasetId" UUID NOT NULL,
    "filter" JSONB,
    "orderBy" JSONB,
    "format" "RecordExportFormat" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataRequestExport_pkey" PRIMARY KEY ("requestId")
);

-- CreateIndex
CREATE INDEX "DataRequestExport_datasetId_idx" ON "DataRequestExport"("datasetId");

-- AddForeignKey
ALTER TABLE "DataRequestExport" ADD CONSTRAINT "DataRequestExport_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DataRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataRequestExport" ADD CONSTRAINT "DataRequestExport_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

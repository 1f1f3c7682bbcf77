-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "archivedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "geometryPii" BOOLEAN NOT NULL DEFAULT false;

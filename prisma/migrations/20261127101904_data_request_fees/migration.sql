-- AlterEnum
ALTER TYPE "DataRequestStatus" ADD VALUE 'AWAITING_PAYMENT' BEFORE 'FULFILLED';

-- AlterTable
ALTER TABLE "DataRequest" ADD COLUMN     "feeAcceptedAt" TIMESTAMPTZ(3),
ADD COLUMN     "feeItems" JSONB,
ADD COLUMN     "feePaidAt" TIMESTAMPTZ(3);

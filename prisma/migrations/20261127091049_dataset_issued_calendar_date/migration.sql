-- AlterTable
-- `issued` is a calendar day. Rows written so far hold that day as midnight UTC, so convert in UTC explicitly
-- (a plain cast would use the session time zone and could shift the day).
ALTER TABLE "Dataset" ALTER COLUMN "issued" SET DATA TYPE DATE USING ("issued" AT TIME ZONE 'UTC')::date;

-- CreateEnum
CREATE TYPE "AccessLevel" AS ENUM ('public', 'restricted public', 'non-public');

-- CreateEnum
CREATE TYPE "FieldType" AS ENUM ('TEXT', 'INTEGER', 'DECIMAL', 'BOOLEAN', 'DATE', 'TIMESTAMP', 'GEOMETRY');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('STEWARD', 'RECORDS_CLERK', 'COMPLIANCE_OFFICER', 'ADMIN');

-- CreateEnum
CREATE TYPE "DataRequestKind" AS ENUM ('SPECIAL_EXTRACT', 'REDACTION', 'RESTRICTED_ACCESS', 'NEW_DATASET');

-- CreateEnum
CREATE TYPE "DataRequestStatus" AS ENUM ('RECEIVED', 'NEEDS_CLARIFICATION', 'IN_REVIEW', 'EXTENDED', 'FULFILLED', 'PARTIALLY_FULFILLED', 'DENIED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ComplaintCategory" AS ENUM ('DATA_MISUSE', 'DATASET_ERROR', 'ACCESS_PROBLEM', 'EXPOSED_PERSONAL_DATA', 'LICENSE_QUESTION');

-- CreateEnum
CREATE TYPE "ComplaintStatus" AS ENUM ('RECEIVED', 'TRIAGED', 'IN_PROGRESS', 'RESOLVED', 'DISMISSED');

-- CreateEnum
CREATE TYPE "Priority" AS ENUM ('LOW', 'NORMAL', 'HIGH', 'URGENT');

-- CreateEnum
CREATE TYPE "RoutingTeam" AS ENUM ('CODE_COMPLIANCE', 'IT', 'STEWARD');

-- CreateEnum
CREATE TYPE "TimelineEventKind" AS ENUM ('SUBMITTED', 'STATUS_CHANGE', 'MESSAGE_TO_SUBMITTER', 'MESSAGE_FROM_SUBMITTER', 'INTERNAL_NOTE', 'ASSIGNMENT', 'DUE_DATE_CHANGE');

-- CreateEnum
CREATE TYPE "ChangeOperation" AS ENUM ('CREATED', 'UPDATED', 'DELETED');

-- CreateTable
CREATE TABLE "Department" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Steward" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "phone" TEXT,
    "departmentId" UUID NOT NULL,
    "staffUserId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Steward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "License" (
    "id" UUID NOT NULL,
    "spdxId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT,
    "reuseTerms" TEXT NOT NULL,
    "specified" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "License_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Dataset" (
    "id" UUID NOT NULL,
    "identifier" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "keywords" TEXT[],
    "themes" TEXT[],
    "issued" TIMESTAMPTZ(3),
    "modified" TIMESTAMPTZ(3) NOT NULL,
    "accessLevel" "AccessLevel" NOT NULL DEFAULT 'public',
    "rights" VARCHAR(255),
    "accrualPeriodicity" TEXT,
    "spatial" TEXT,
    "temporal" TEXT,
    "landingPage" TEXT,
    "describedBy" TEXT,
    "conformsTo" TEXT,
    "references" TEXT[],
    "publisherId" UUID NOT NULL,
    "stewardId" UUID NOT NULL,
    "licenseId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Dataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Distribution" (
    "id" UUID NOT NULL,
    "datasetId" UUID NOT NULL,
    "title" TEXT,
    "description" TEXT,
    "format" TEXT NOT NULL,
    "mediaType" TEXT,
    "downloadURL" TEXT,
    "accessURL" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Distribution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DatasetField" (
    "id" UUID NOT NULL,
    "datasetId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "label" TEXT,
    "type" "FieldType" NOT NULL,
    "nullable" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT,
    "pii" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DatasetField_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Record" (
    "id" SERIAL NOT NULL,
    "datasetId" UUID NOT NULL,
    "attributes" JSONB NOT NULL,
    "geometry" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "roles" "StaffRole"[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "departmentId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "organization" TEXT NOT NULL,
    "ownerEmail" TEXT,
    "scopes" TEXT[],
    "expiresAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataRequest" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "trackingTokenHash" TEXT NOT NULL,
    "kind" "DataRequestKind" NOT NULL,
    "status" "DataRequestStatus" NOT NULL DEFAULT 'RECEIVED',
    "subject" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "requesterName" TEXT,
    "requesterEmail" TEXT,
    "requesterPhone" TEXT,
    "datasetId" UUID,
    "assigneeId" UUID,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "extendedAt" TIMESTAMPTZ(3),
    "extensionReason" TEXT,
    "determinedAt" TIMESTAMPTZ(3),
    "feeCents" INTEGER,
    "outcomeNote" TEXT,
    "legalBasis" TEXT,
    "closedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DataRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataRequestEvent" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "kind" "TimelineEventKind" NOT NULL,
    "fromStatus" "DataRequestStatus",
    "toStatus" "DataRequestStatus",
    "message" TEXT,
    "internal" BOOLEAN NOT NULL DEFAULT false,
    "actorId" UUID,
    "actorLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataRequestEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "trackingTokenHash" TEXT NOT NULL,
    "category" "ComplaintCategory" NOT NULL,
    "status" "ComplaintStatus" NOT NULL DEFAULT 'RECEIVED',
    "priority" "Priority" NOT NULL DEFAULT 'NORMAL',
    "routedTo" "RoutingTeam"[],
    "summary" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "reporterName" TEXT,
    "reporterEmail" TEXT,
    "datasetId" UUID,
    "recordIds" INTEGER[],
    "assigneeId" UUID,
    "resolution" TEXT,
    "dismissalReason" TEXT,
    "resolvedAt" TIMESTAMPTZ(3),
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplaintEvent" (
    "id" UUID NOT NULL,
    "complaintId" UUID NOT NULL,
    "kind" "TimelineEventKind" NOT NULL,
    "fromStatus" "ComplaintStatus",
    "toStatus" "ComplaintStatus",
    "message" TEXT,
    "internal" BOOLEAN NOT NULL DEFAULT false,
    "actorId" UUID,
    "actorLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplaintEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeEvent" (
    "sequence" BIGSERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "datasetId" UUID,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "operation" "ChangeOperation" NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChangeEvent_pkey" PRIMARY KEY ("sequence")
);

-- CreateIndex
CREATE UNIQUE INDEX "Department_slug_key" ON "Department"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Department_name_key" ON "Department"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Steward_email_key" ON "Steward"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Steward_staffUserId_key" ON "Steward"("staffUserId");

-- CreateIndex
CREATE INDEX "Steward_departmentId_idx" ON "Steward"("departmentId");

-- CreateIndex
CREATE UNIQUE INDEX "License_spdxId_key" ON "License"("spdxId");

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_identifier_key" ON "Dataset"("identifier");

-- CreateIndex
CREATE INDEX "Dataset_publisherId_idx" ON "Dataset"("publisherId");

-- CreateIndex
CREATE INDEX "Dataset_stewardId_idx" ON "Dataset"("stewardId");

-- CreateIndex
CREATE INDEX "Dataset_licenseId_idx" ON "Dataset"("licenseId");

-- CreateIndex
CREATE INDEX "Dataset_accessLevel_idx" ON "Dataset"("accessLevel");

-- CreateIndex
CREATE INDEX "Dataset_keywords_idx" ON "Dataset" USING GIN ("keywords");

-- CreateIndex
CREATE INDEX "Dataset_themes_idx" ON "Dataset" USING GIN ("themes");

-- CreateIndex
CREATE INDEX "Distribution_datasetId_position_idx" ON "Distribution"("datasetId", "position");

-- CreateIndex
CREATE INDEX "DatasetField_datasetId_position_idx" ON "DatasetField"("datasetId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "DatasetField_datasetId_name_key" ON "DatasetField"("datasetId", "name");

-- CreateIndex
CREATE INDEX "Record_datasetId_id_idx" ON "Record"("datasetId", "id");

-- CreateIndex
CREATE INDEX "Record_attributes_idx" ON "Record" USING GIN ("attributes" jsonb_path_ops);

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_email_key" ON "StaffUser"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "DataRequest_reference_key" ON "DataRequest"("reference");

-- CreateIndex
CREATE INDEX "DataRequest_status_dueAt_idx" ON "DataRequest"("status", "dueAt");

-- CreateIndex
CREATE INDEX "DataRequest_assigneeId_idx" ON "DataRequest"("assigneeId");

-- CreateIndex
CREATE INDEX "DataRequest_datasetId_idx" ON "DataRequest"("datasetId");

-- CreateIndex
CREATE INDEX "DataRequestEvent_requestId_createdAt_idx" ON "DataRequestEvent"("requestId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_reference_key" ON "Complaint"("reference");

-- CreateIndex
CREATE INDEX "Complaint_status_priority_idx" ON "Complaint"("status", "priority");

-- CreateIndex
CREATE INDEX "Complaint_assigneeId_idx" ON "Complaint"("assigneeId");

-- CreateIndex
CREATE INDEX "Complaint_datasetId_idx" ON "Complaint"("datasetId");

-- CreateIndex
CREATE INDEX "ComplaintEvent_complaintId_createdAt_idx" ON "ComplaintEvent"("complaintId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_actorType_actorId_idx" ON "AuditEvent"("actorType", "actorId");

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "AuditEvent_action_idx" ON "AuditEvent"("action");

-- CreateIndex
CREATE INDEX "ChangeEvent_topic_sequence_idx" ON "ChangeEvent"("topic", "sequence");

-- CreateIndex
CREATE INDEX "ChangeEvent_datasetId_sequence_idx" ON "ChangeEvent"("datasetId", "sequence");

-- AddForeignKey
ALTER TABLE "Steward" ADD CONSTRAINT "Steward_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Steward" ADD CONSTRAINT "Steward_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dataset" ADD CONSTRAINT "Dataset_publisherId_fkey" FOREIGN KEY ("publisherId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dataset" ADD CONSTRAINT "Dataset_stewardId_fkey" FOREIGN KEY ("stewardId") REFERENCES "Steward"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dataset" ADD CONSTRAINT "Dataset_licenseId_fkey" FOREIGN KEY ("licenseId") REFERENCES "License"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Distribution" ADD CONSTRAINT "Distribution_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetField" ADD CONSTRAINT "DatasetField_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Record" ADD CONSTRAINT "Record_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffUser" ADD CONSTRAINT "StaffUser_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataRequest" ADD CONSTRAINT "DataRequest_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataRequest" ADD CONSTRAINT "DataRequest_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataRequestEvent" ADD CONSTRAINT "DataRequestEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DataRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplaintEvent" ADD CONSTRAINT "ComplaintEvent_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

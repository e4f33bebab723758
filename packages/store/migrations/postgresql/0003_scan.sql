-- rommer catalogue on PostgreSQL, schema version 3: rommer scan's hash cache and runs, and the ROM indexes its look-ups need (see ../0003_scan.sql).
-- Generated from prisma/schema.prisma (its PostgreSQL variant) by the schema engine's diff against a database at version 2; applied by src/pg-migrations.ts.

-- CreateTable
CREATE TABLE "scan_file" (
    "id" SERIAL NOT NULL,
    "path" TEXT NOT NULL,
    "entry" TEXT NOT NULL,
    "file_size" BIGINT NOT NULL,
    "file_mtime" BIGINT NOT NULL,
    "size" BIGINT NOT NULL,
    "crc" TEXT,
    "sha1" TEXT,
    "md5" TEXT,
    "sha256" TEXT,
    "header" TEXT,
    "header_size" INTEGER,
    "body_crc" TEXT,
    "body_sha1" TEXT,
    "body_md5" TEXT,
    "body_sha256" TEXT,
    "last_run" INTEGER,

    CONSTRAINT "scan_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scan_run" (
    "id" SERIAL NOT NULL,
    "paths" TEXT NOT NULL,
    "full" BOOLEAN NOT NULL DEFAULT false,
    "started_at" BIGINT NOT NULL,
    "finished_at" BIGINT,
    "status" TEXT NOT NULL,
    "files" INTEGER NOT NULL DEFAULT 0,
    "matched" INTEGER NOT NULL DEFAULT 0,
    "unknown" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "scan_run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "scan_file_last_run_idx" ON "scan_file"("last_run");

-- CreateIndex
CREATE UNIQUE INDEX "scan_file_path_entry_key" ON "scan_file"("path", "entry");

-- CreateIndex
CREATE INDEX "rom_crc_size_idx" ON "rom"("crc", "size");

-- CreateIndex
CREATE INDEX "rom_sha256_idx" ON "rom"("sha256");

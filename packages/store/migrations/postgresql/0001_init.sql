-- rommer catalogue on PostgreSQL, schema version 1: the ledger (dat_source), DATs, games, ROMs and disks.
-- Generated from prisma/schema.prisma (its PostgreSQL variant) by the schema engine's diff; applied by src/pg-migrations.ts.

-- CreateTable
CREATE TABLE "dat_source" (
    "name" TEXT NOT NULL,
    "version" TEXT,
    "last_updated" BIGINT,
    "url" TEXT,
    "last_checked" BIGINT,
    "state" TEXT,
    "last_error" TEXT,

    CONSTRAINT "dat_source_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "dat" (
    "id" SERIAL NOT NULL,
    "source" TEXT,
    "path" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "name" TEXT,
    "description" TEXT,
    "category" TEXT,
    "version" TEXT,
    "date" TEXT,
    "author" TEXT,
    "homepage" TEXT,
    "url" TEXT,
    "comment" TEXT,
    "size" BIGINT NOT NULL,
    "sha1" TEXT NOT NULL,
    "imported_at" BIGINT NOT NULL,
    "game_count" INTEGER NOT NULL,
    "rom_count" INTEGER NOT NULL,
    "disk_count" INTEGER NOT NULL,

    CONSTRAINT "dat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "game" (
    "id" SERIAL NOT NULL,
    "dat_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "year" TEXT,
    "manufacturer" TEXT,
    "clone_of" TEXT,
    "rom_of" TEXT,
    "is_bios" BOOLEAN NOT NULL DEFAULT false,
    "is_device" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "game_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rom" (
    "id" SERIAL NOT NULL,
    "game_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "size" BIGINT,
    "crc" TEXT,
    "md5" TEXT,
    "sha1" TEXT,
    "sha256" TEXT,
    "status" TEXT,
    "merge" TEXT,
    "serial" TEXT,

    CONSTRAINT "rom_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "disk" (
    "id" SERIAL NOT NULL,
    "game_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "md5" TEXT,
    "sha1" TEXT,
    "status" TEXT,
    "merge" TEXT,

    CONSTRAINT "disk_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "dat_path_key" ON "dat"("path");

-- CreateIndex
CREATE INDEX "dat_source_idx" ON "dat"("source");

-- CreateIndex
CREATE INDEX "game_dat_id_idx" ON "game"("dat_id");

-- CreateIndex
CREATE INDEX "game_name_idx" ON "game"("name");

-- CreateIndex
CREATE INDEX "rom_game_id_idx" ON "rom"("game_id");

-- CreateIndex
CREATE INDEX "rom_crc_idx" ON "rom"("crc");

-- CreateIndex
CREATE INDEX "rom_sha1_idx" ON "rom"("sha1");

-- CreateIndex
CREATE INDEX "rom_md5_idx" ON "rom"("md5");

-- CreateIndex
CREATE INDEX "rom_name_idx" ON "rom"("name");

-- CreateIndex
CREATE INDEX "disk_game_id_idx" ON "disk"("game_id");

-- CreateIndex
CREATE INDEX "disk_sha1_idx" ON "disk"("sha1");

-- CreateIndex
CREATE INDEX "disk_md5_idx" ON "disk"("md5");

-- AddForeignKey
ALTER TABLE "game" ADD CONSTRAINT "game_dat_id_fkey" FOREIGN KEY ("dat_id") REFERENCES "dat"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rom" ADD CONSTRAINT "rom_game_id_fkey" FOREIGN KEY ("game_id") REFERENCES "game"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disk" ADD CONSTRAINT "disk_game_id_fkey" FOREIGN KEY ("game_id") REFERENCES "game"("id") ON DELETE CASCADE ON UPDATE CASCADE;

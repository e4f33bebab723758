-- rommer catalogue on PostgreSQL, schema version 2: change sets (see ../0002_changes.sql).
-- Generated from prisma/schema.prisma (its PostgreSQL variant) by the schema engine's diff against a database at version 1; applied by src/pg-migrations.ts.

-- AlterTable
ALTER TABLE "dat" ADD COLUMN     "identity" TEXT,
ADD COLUMN     "source_version" TEXT;

-- AlterTable
ALTER TABLE "game" ADD COLUMN     "content" TEXT;

-- CreateTable
CREATE TABLE "change_set" (
    "id" SERIAL NOT NULL,
    "source" TEXT,
    "identity" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "dat_name" TEXT,
    "kind" TEXT NOT NULL,
    "from_version" TEXT,
    "to_version" TEXT,
    "from_sha1" TEXT,
    "to_sha1" TEXT,
    "from_source_version" TEXT,
    "to_source_version" TEXT,
    "at" BIGINT NOT NULL,
    "added" INTEGER NOT NULL,
    "removed" INTEGER NOT NULL,
    "renamed" INTEGER NOT NULL,
    "changed" INTEGER NOT NULL,

    CONSTRAINT "change_set_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "change_game" (
    "id" SERIAL NOT NULL,
    "change_set_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "from_name" TEXT,
    "roms" TEXT,

    CONSTRAINT "change_game_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "change_set_identity_idx" ON "change_set"("identity");

-- CreateIndex
CREATE INDEX "change_set_at_idx" ON "change_set"("at");

-- CreateIndex
CREATE INDEX "change_game_change_set_id_idx" ON "change_game"("change_set_id");

-- CreateIndex
CREATE INDEX "dat_identity_idx" ON "dat"("identity");

-- AddForeignKey
ALTER TABLE "change_game" ADD CONSTRAINT "change_game_change_set_id_fkey" FOREIGN KEY ("change_set_id") REFERENCES "change_set"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- rommer catalogue, schema version 2: change sets. A DAT's identity across versions (dat.identity),
-- the source version it was imported at, a content digest per game, and the change sets themselves.
-- Generated from prisma/schema.prisma by the schema engine's diff; applied by src/migrations.ts.
-- dat.identity and game.content stay null for rows written before; the writer fills them when needed.

-- AlterTable
ALTER TABLE "dat" ADD COLUMN "identity" TEXT;
ALTER TABLE "dat" ADD COLUMN "source_version" TEXT;

-- AlterTable
ALTER TABLE "game" ADD COLUMN "content" TEXT;

-- CreateTable
CREATE TABLE "change_set" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "changed" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "change_game" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "change_set_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "from_name" TEXT,
    "roms" TEXT,
    CONSTRAINT "change_game_change_set_id_fkey" FOREIGN KEY ("change_set_id") REFERENCES "change_set" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "change_set_identity_idx" ON "change_set"("identity");

-- CreateIndex
CREATE INDEX "change_set_at_idx" ON "change_set"("at");

-- CreateIndex
CREATE INDEX "change_game_change_set_id_idx" ON "change_game"("change_set_id");

-- CreateIndex
CREATE INDEX "dat_identity_idx" ON "dat"("identity");

-- rommer catalogue on PostgreSQL, schema version 4: no index on rom.crc by itself (see ../0004_rom_crc_index.sql).
-- Generated from prisma/schema.prisma (its PostgreSQL variant) by the schema engine's diff against a database at version 3; applied by src/pg-migrations.ts.

-- DropIndex
DROP INDEX "rom_crc_idx";

-- Not in the model (Prisma has no sequence options for PostgreSQL): each connection takes ROM and
-- disk ids 1,000 at a time instead of one by one, a quarter of the time a COPY of ROM rows took.
-- Ids stay unique and rise within a connection, which is all the catalogue needs of them (a game's
-- ROMs keep their order: they are written by one COPY). game's ids are not cached: an import finds
-- its new games as those above the last id of the version it replaces.
ALTER SEQUENCE "rom_id_seq" CACHE 1000;
ALTER SEQUENCE "disk_id_seq" CACHE 1000;

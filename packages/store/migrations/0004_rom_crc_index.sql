-- rommer catalogue, schema version 4: no index on rom.crc by itself. rom_crc_size_idx (crc, size)
-- serves a look-up by CRC alone as well (its first column); the second index only cost every import
-- a B-tree to build or maintain.
-- Generated from prisma/schema.prisma by the schema engine's diff; applied by src/migrations.ts.

-- DropIndex
DROP INDEX "rom_crc_idx";

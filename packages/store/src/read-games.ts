// Reads one DAT's games back with their ROMs and disks, a page at a time (for copying a catalogue
// from one engine to another); the shapes are the writer's, so the rows can be imported as they are.
import type { PrismaClient } from './generated/prisma/client.js';
import type { GameInput } from './types.js';

// Prisma reads the ROMs and disks of a page with one IN list of game ids: kept well under SQLite's variable limit.
const PAGE = 500;

export async function* readGames(prisma: PrismaClient, path: string): AsyncGenerator<GameInput> {
  const dat = await prisma.dat.findUnique({ where: { path }, select: { id: true } });
  if (dat === null) return;
  let after = 0;
  for (;;) {
    const games = await prisma.game.findMany({
      where: { datId: dat.id, id: { gt: after } },
      orderBy: { id: 'asc' },
      take: PAGE,
      include: { roms: { orderBy: { id: 'asc' } }, disks: { orderBy: { id: 'asc' } } },
    });
    for (const game of games) {
      yield {
        name: game.name,
        description: game.description,
        year: game.year,
        manufacturer: game.manufacturer,
        cloneOf: game.cloneOf,
        romOf: game.romOf,
        isBios: game.isBios,
        isDevice: game.isDevice,
        roms: game.roms.map((rom) => ({
          name: rom.name,
          size: rom.size === null ? null : Number(rom.size),
          crc: rom.crc,
          md5: rom.md5,
          sha1: rom.sha1,
          sha256: rom.sha256,
          status: rom.status,
          merge: rom.merge,
          serial: rom.serial,
        })),
        disks: game.disks.map((disk) => ({ name: disk.name, md5: disk.md5, sha1: disk.sha1, status: disk.status, merge: disk.merge })),
      };
    }
    if (games.length < PAGE) return;
    after = games.at(-1)!.id;
  }
}

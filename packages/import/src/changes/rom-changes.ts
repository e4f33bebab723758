import type { RomChanges, StoredRom } from '@rommer/store';
import { romKey } from './game-content.js';

/**
 * Which ROMs of a changed game were added, removed or re-hashed (the same ROM name with other
 * size or hashes). ROMs whose data is in both versions are unchanged, whatever their names.
 */
export function romChanges(before: readonly StoredRom[], after: readonly StoredRom[]): RomChanges {
  const left = new Map<string, StoredRom[]>();
  for (const rom of before) {
    const key = romKey(rom);
    const same = left.get(key);
    if (same === undefined) left.set(key, [rom]);
    else same.push(rom);
  }
  const added: StoredRom[] = [];
  for (const rom of after) {
    const same = left.get(romKey(rom));
    if (same !== undefined && same.length > 0) same.shift();
    else added.push(rom);
  }
  const removed = [...left.values()].flat();
  const rehashed: RomChanges['rehashed'] = [];
  for (const from of [...removed]) {
    const index = added.findIndex((rom) => rom.name === from.name);
    if (index < 0) continue;
    const [to] = added.splice(index, 1);
    removed.splice(removed.indexOf(from), 1);
    rehashed.push({ name: from.name, from, to: to! });
  }
  return { added, removed, rehashed };
}

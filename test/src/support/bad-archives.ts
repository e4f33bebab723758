import { randomBytes } from 'node:crypto';
import { tosecStyleDat, zipFiles } from '@rommer/mirror';

// Hostile or broken packs, built as real bytes: what a compromised or failing upstream could serve.

const datName = (date: string) => `TOSEC/Fault Test - Games (TOSEC-v${date}).dat`;

/** A real zip whose central directory was cut off and whose data was overwritten: no reader can open it. */
export async function corruptZip(date: string): Promise<Buffer> {
  const good = await zipFiles([{ name: datName(date), data: tosecStyleDat('Fault Test - Games', date, 50) }]);
  const bad = Buffer.from(good.subarray(0, Math.floor(good.length * 0.6)));
  randomBytes(64).copy(bad, 40);
  return bad;
}

/** The 7z signature followed by garbage: detected as 7z, unreadable as one. */
export function corrupt7z(): Buffer {
  const signature = Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04]);
  return Buffer.concat([signature, randomBytes(4096)]);
}

/** A zip with a `../../` entry name (written under a same-length placeholder, then patched). */
export function zipSlip(date: string): Promise<Buffer> {
  return zipFiles([
    { name: datName(date), data: tosecStyleDat('Fault Test - Games', date) },
    { name: 'xx/xx/escaped.dat', rawName: Buffer.from('../../escaped.dat'), data: tosecStyleDat('Escaped', date) },
  ]);
}

/** A small zip whose one entry inflates to 64 MiB of zeros: a compression ratio in the thousands. */
export function zipBomb(date: string): Promise<Buffer> {
  return zipFiles([{ name: datName(date), data: Buffer.alloc(64 * 1024 * 1024) }]);
}

/** A valid pack holding one DAT of at least `megabytes` MiB (for disk-full and slow-extraction cases). */
export function bigPackFiles(date: string, megabytes: number): { name: string; data: string }[] {
  // Bytes a game, measured on a sample (the header is small beside the games).
  const perGame = tosecStyleDat('Fault Test - Games', date, 1000).length / 1000;
  const games = Math.ceil((megabytes * 1024 * 1024) / perGame);
  return [{ name: datName(date), data: tosecStyleDat('Fault Test - Games', date, games) }];
}

import { open } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { describeError } from '@rommer/core/errors';
import { archiveError } from './archive-error.js';
import type { ScannedEntry } from './entry-model.js';
import { runSevenZip, sevenZipFailure } from './seven-zip-runner.js';

export const SEVEN_ZIP_IN = '/in';

/** A 7z archive's directory as 7-Zip lists it. */
export interface SevenZipListing {
  entries: ScannedEntry[];
}

// -p with a dummy password: an encrypted archive fails instead of waiting for a password on stdin.
// -scc/-scs: console output and list files in UTF-8, so names round-trip exactly.
export const SEVEN_ZIP_COMMON = ['-bsp0', '-sccUTF-8', '-scsUTF-8', '-pnone'];

/** Where the archive appears inside 7-Zip's file system, with the mount that puts it there. */
export function archiveMount(file: string): { mount: { dir: string; at: string }; path: string } {
  const absolute = resolve(file);
  return { mount: { dir: dirname(absolute), at: SEVEN_ZIP_IN }, path: `${SEVEN_ZIP_IN}/${basename(absolute)}` };
}

/** Parses `7z l -slt -ba` output: blocks of `Key = value` lines separated by blank lines. */
export function parseTechnicalListing(lines: readonly string[]): Record<string, string>[] {
  const records: Record<string, string>[] = [];
  let current: Record<string, string> | undefined;
  for (const line of lines) {
    const match = /^([A-Za-z ]+?) = (.*)$/.exec(line);
    if (!match) {
      if (line.trim() === '' && current) {
        records.push(current);
        current = undefined;
      }
      continue;
    }
    current ??= {};
    current[match[1]!] = match[2]!;
  }
  if (current) records.push(current);
  return records.filter((record) => record.Path !== undefined);
}

function toNumber(value: string | undefined): number {
  const n = Number(value ?? '');
  return Number.isFinite(n) && value !== '' ? n : 0;
}

/** 7-Zip lists CRCs as 8 upper-case hex digits and leaves the field empty for folders and empty files. */
function sevenZipCrc(value: string | undefined, size: number, isDirectory: boolean): string | null {
  if (isDirectory) return null;
  if (value !== undefined && /^[0-9A-Fa-f]{1,8}$/.test(value)) return value.toLowerCase().padStart(8, '0');
  return size === 0 ? '00000000' : null;
}

/** Entries from the listing records; a solid block's packed size counts for all its files. */
export function scannedFromRecords(records: readonly Record<string, string>[]): ScannedEntry[] {
  const blocks = new Map<string, { bytes: number; packed: number }>();
  for (const record of records) {
    const block = record.Block ?? '';
    if (block === '') continue;
    const basis = blocks.get(block) ?? { bytes: 0, packed: 0 };
    basis.bytes += toNumber(record.Size);
    basis.packed += toNumber(record['Packed Size']);
    blocks.set(block, basis);
  }
  return records.map((record, index) => {
    const attributes = record.Attributes ?? '';
    // "D drwxr-xr-x", "A -rw-r--r--", "A lrwxrwxrwx"; archives from Windows carry only "D"/"A".
    const unixType = /\s([-dlcbps])[-rwxsStT]{9}/.exec(attributes)?.[1];
    const isDirectory = record.Folder === '+' || attributes.startsWith('D') || unixType === 'd';
    const size = toNumber(record.Size);
    const packed = toNumber(record['Packed Size']);
    return {
      rawName: record.Path!,
      size,
      compressedSize: packed,
      isDirectory,
      isSymlink: unixType === 'l',
      crc32: sevenZipCrc(record.CRC, size, isDirectory),
      ratioBasis: blocks.get(record.Block ?? '') ?? { bytes: size, packed },
      index,
    };
  });
}

/** Lists a 7z archive through 7-Zip itself. */
export async function scanSevenZip(file: string, signal?: AbortSignal): Promise<SevenZipListing> {
  const { mount, path } = archiveMount(file);
  let result;
  try {
    result = await runSevenZip(['l', '-slt', '-ba', ...SEVEN_ZIP_COMMON, path], { mounts: [mount], signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw archiveError(file, undefined, `cannot run 7-Zip (${describeError(error)})`, error);
  }
  if (result.exitCode !== 0) {
    if (await hasEncryptedHeader(file)) {
      throw archiveError(file, undefined, 'is password-protected (encrypted 7z headers); encrypted archives are not supported');
    }
    const failure = sevenZipFailure(result);
    throw archiveError(file, undefined, `not a readable 7z archive (${failure.cause})`);
  }
  return { entries: scannedFromRecords(parseTechnicalListing(result.stdout)) };
}

const ENCODED_HEADER = 0x17;
const AES_CODER_ID = Buffer.from([0x06, 0xf1, 0x07, 0x01]);

/**
 * True when the archive's header is itself encrypted (7z -mhe): 7-Zip (WASM) then fails without a
 * word, so the reason is read from the bytes — an encoded header whose coders include AES.
 */
export async function hasEncryptedHeader(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const start = Buffer.alloc(32);
    await handle.read(start, 0, 32, 0);
    const offset = 32 + Number(start.readBigUInt64LE(12));
    const size = Math.min(Number(start.readBigUInt64LE(20)), 64 * 1024);
    if (size <= 0) return false;
    const header = Buffer.alloc(size);
    const { bytesRead } = await handle.read(header, 0, size, offset);
    return bytesRead > 0 && header[0] === ENCODED_HEADER && header.subarray(0, bytesRead).includes(AES_CODER_ID);
  } catch {
    return false;
  } finally {
    await handle.close();
  }
}

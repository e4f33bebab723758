import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { ArchiveError } from '@rommer/core';
import yauzl from 'yauzl';
import { archiveError, causeText } from './archive-error.js';
import type { ScannedEntry } from './entry-model.js';
import { VerifyStream } from './verify-stream.js';
import { decodeZipEntryName } from './zip-entry-name.js';

/** A zip opened for reading: its scanned directory and a way to read one entry's bytes. */
export interface ZipArchive {
  entries: ScannedEntry[];
  /** The entry's uncompressed bytes, size- and CRC-checked; errors are ArchiveErrors. */
  openEntry(entry: ScannedEntry, onBytes?: (bytes: number) => void): Promise<Readable>;
  close(): void;
}

const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;
const DOS_DIRECTORY = 0x10;
// Inflating in 1 MiB chunks instead of zlib's 16 KiB default: far fewer stream round trips.
const INFLATE_CHUNK = 1 << 20;

// @types/yauzl predates yauzl 3: these are the fields and options used here that it lacks.
type RawNameEntry = Omit<yauzl.Entry, 'fileName'> & { fileName: Buffer | string };
type OpenReadStream = (
  entry: yauzl.Entry,
  options: { decodeFileData: false },
  callback: (err: Error | null, stream: Readable) => void,
) => void;

function openZipFile(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings: false — names are decoded here, so a bad name can be decoded as CP437 or
    // skipped instead of failing the whole archive, and every check raises an ArchiveError.
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: false }, (err, zip) => {
      if (err) reject(archiveError(file, undefined, `not a readable zip archive (${causeText(err)})`, err));
      else resolve(zip);
    });
  });
}

function readDirectory(file: string, zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', (err: Error) => reject(archiveError(file, undefined, `corrupt zip directory (${causeText(err)})`, err)));
    zip.readEntry();
  });
}

function scan(entry: RawNameEntry, index: number): ScannedEntry {
  const raw = typeof entry.fileName === 'string' ? Buffer.from(entry.fileName) : entry.fileName;
  const decoded = decodeZipEntryName(raw, entry.generalPurposeBitFlag, entry.extraFields);
  const unixMode = entry.externalFileAttributes >>> 16;
  const fromUnix = entry.versionMadeBy >>> 8 === UNIX_HOST;
  const isSymlink = fromUnix && (unixMode & S_IFMT) === S_IFLNK;
  const isDirectory =
    /[/\\]$/.test(decoded.name) ||
    (fromUnix ? (unixMode & S_IFMT) === S_IFDIR : (entry.externalFileAttributes & DOS_DIRECTORY) !== 0);
  return {
    rawName: decoded.name,
    size: entry.uncompressedSize,
    compressedSize: entry.compressedSize,
    isDirectory,
    isSymlink,
    ratioBasis: { bytes: entry.uncompressedSize, packed: entry.compressedSize },
    ...(decoded.warning === undefined ? {} : { nameWarning: decoded.warning }),
    index,
  };
}

/** Opens a zip and reads its central directory (names, sizes, attributes; no data yet). */
export async function openZip(file: string, options: { maxEntries: number }): Promise<ZipArchive> {
  const zip = await openZipFile(file);
  try {
    // Refuse before reading a huge directory into memory.
    if (zip.entryCount > options.maxEntries) {
      throw archiveError(file, undefined, `has ${zip.entryCount} entries, more than the limit of ${options.maxEntries}`);
    }
    const raw = await readDirectory(file, zip);
    // From here on, read problems surface on the entry streams; keep a stray 'error' event on
    // the zip file from crashing the process.
    zip.on('error', () => undefined);
    const entries = raw.map((entry, index) => scan(entry as RawNameEntry, index));
    return {
      entries,
      openEntry: (entry, onBytes) => openEntryData(file, zip, raw[entry.index]!, entry, onBytes),
      close: () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}

async function openEntryData(
  file: string,
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  scanned: ScannedEntry,
  onBytes: ((bytes: number) => void) | undefined,
): Promise<Readable> {
  const fail = (cause: string, original?: unknown) => archiveError(file, scanned.rawName, cause, original);
  if (entry.isEncrypted()) throw fail('is encrypted; encrypted zip entries are not supported');
  const method = entry.compressionMethod;
  if (method !== METHOD_STORED && method !== METHOD_DEFLATE) {
    throw fail(`uses compression method ${method}; only stored (0) and deflate (8) are supported`);
  }
  const rawStream = await new Promise<Readable>((resolve, reject) => {
    (zip.openReadStream as unknown as OpenReadStream).call(zip, entry, { decodeFileData: false }, (err, stream) => {
      if (err) reject(fail(`cannot read (${causeText(err)})`, err));
      else resolve(stream);
    });
  });
  const verify = new VerifyStream({ size: entry.uncompressedSize, crc32: entry.crc32, fail: (cause) => fail(cause), onBytes });
  const wrap = (err: Error) => (err instanceof ArchiveError ? err : fail(`corrupt data (${causeText(err)})`, err));
  const stages: Readable[] = [rawStream];
  rawStream.on('error', (err: Error) => verify.destroy(wrap(err)));
  let tail: Readable = rawStream;
  if (method === METHOD_DEFLATE) {
    const inflate = createInflateRaw({ chunkSize: INFLATE_CHUNK });
    inflate.on('error', (err: Error) => verify.destroy(wrap(err)));
    stages.push(inflate);
    tail = rawStream.pipe(inflate);
  }
  // If the consumer stops early or fails, stop reading and inflating too.
  verify.on('close', () => {
    for (const stage of stages) stage.destroy();
  });
  return tail.pipe(verify);
}

import type { Readable } from 'node:stream';
import { crc32, createInflateRaw, inflateRaw, type ZlibOptions } from 'node:zlib';
import { ArchiveError } from './errors.js';
import yauzl from 'yauzl';
import { describeError } from '@rommer/core/errors';
import { archiveError } from './archive-error.js';
import type { ScannedEntry } from './entry-model.js';
import { VerifyStream } from './verify-stream.js';
import { decodeZipEntryName } from './zip-entry-name.js';

/** A zip opened for reading: its scanned directory and a way to read one entry's bytes. */
export interface ZipArchive {
  entries: ScannedEntry[];
  /** The entry's uncompressed bytes, size- and CRC-checked; errors are ArchiveErrors. */
  openEntry(entry: ScannedEntry, onBytes?: (bytes: number) => void): Promise<Readable>;
  /** A small entry's uncompressed bytes in one buffer, size- and CRC-checked (see SMALL_ENTRY_BYTES). */
  readEntry(entry: ScannedEntry): Promise<Buffer>;
  close(): void;
}

const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;
const DOS_DIRECTORY = 0x10;
function inflateRawAsync(input: Buffer, options: ZlibOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => inflateRaw(input, options, (err, out) => (err ? reject(err) : resolve(out))));
}

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
      if (err) reject(archiveError(file, undefined, `not a readable zip archive (${describeError(err)})`, err));
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
    zip.once('error', (err: Error) => reject(archiveError(file, undefined, `corrupt zip directory (${describeError(err)})`, err)));
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
    crc32: isDirectory ? null : hex(entry.crc32),
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
      readEntry: (entry) => readSmallEntry(file, zip, raw[entry.index]!, entry),
      close: () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}

/** The entry's raw (still compressed) data, after refusing what cannot be decoded. */
async function openRaw(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  fail: (cause: string, original?: unknown) => ArchiveError,
): Promise<Readable> {
  if (entry.isEncrypted()) throw fail('is encrypted; encrypted zip entries are not supported');
  const method = entry.compressionMethod;
  if (method !== METHOD_STORED && method !== METHOD_DEFLATE) {
    throw fail(`uses compression method ${method}; only stored (0) and deflate (8) are supported`);
  }
  return new Promise<Readable>((resolve, reject) => {
    (zip.openReadStream as unknown as OpenReadStream).call(zip, entry, { decodeFileData: false }, (err, stream) => {
      if (err) reject(fail(`cannot read (${describeError(err)})`, err));
      else resolve(stream);
    });
  });
}

/** Entries up to this size may be read whole: far fewer stream hops for packs of small DATs. */
export const SMALL_ENTRY_BYTES = 4 * 1024 * 1024;

const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

async function readSmallEntry(file: string, zip: yauzl.ZipFile, entry: yauzl.Entry, scanned: ScannedEntry): Promise<Buffer> {
  const fail = (cause: string, original?: unknown) => archiveError(file, scanned.rawName, cause, original);
  const size = entry.uncompressedSize;
  if (size > SMALL_ENTRY_BYTES || entry.compressedSize > SMALL_ENTRY_BYTES) throw fail('is too large to read whole');
  const rawStream = await openRaw(zip, entry, fail);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of rawStream) chunks.push(chunk as Buffer);
  } catch (error) {
    throw fail(`cannot read (${describeError(error)})`, error);
  }
  const compressed = Buffer.concat(chunks);
  let data: Buffer = compressed;
  if (entry.compressionMethod === METHOD_DEFLATE) {
    try {
      // One byte of headroom tells "exactly the declared size" from "more than declared".
      data = await inflateRawAsync(compressed, { maxOutputLength: size + 1 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw fail(`holds more data than its declared ${size} bytes (corrupt or a zip bomb)`, error);
      }
      throw fail(`corrupt data (${describeError(error)})`, error);
    }
  }
  if (data.length > size) throw fail(`holds more data than its declared ${size} bytes (corrupt or a zip bomb)`);
  if (data.length < size) throw fail(`ended after ${data.length} of ${size} bytes (truncated or corrupt)`);
  const actual = crc32(data);
  if (actual >>> 0 !== entry.crc32 >>> 0) {
    throw fail(`CRC-32 mismatch (expected ${hex(entry.crc32)}, got ${hex(actual)}): corrupt data`);
  }
  return data;
}

async function openEntryData(
  file: string,
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  scanned: ScannedEntry,
  onBytes: ((bytes: number) => void) | undefined,
): Promise<Readable> {
  const fail = (cause: string, original?: unknown) => archiveError(file, scanned.rawName, cause, original);
  const method = entry.compressionMethod;
  const rawStream = await openRaw(zip, entry, fail);
  const verify = new VerifyStream({ size: entry.uncompressedSize, crc32: entry.crc32, fail: (cause) => fail(cause), onBytes });
  const wrap = (err: Error) => (err instanceof ArchiveError ? err : fail(`corrupt data (${describeError(err)})`, err));
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

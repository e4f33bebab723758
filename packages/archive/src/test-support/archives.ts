// Builders for real zip and 7z archives used by the tests (never shipped: excluded from the build).
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import yazl from 'yazl';
import { runSevenZip } from '../seven-zip-runner.js';

export interface ZipSpec {
  name: string;
  data?: string | Buffer;
  /** Deflate (default) or store. */
  compress?: boolean;
  /** Unix mode bits, e.g. 0o120777 for a symlink. */
  mode?: number;
  directory?: boolean;
}

/** A zip built by yazl (a real zip writer), as bytes. */
export function makeZip(entries: readonly ZipSpec[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    if (entry.directory) {
      zip.addEmptyDirectory(entry.name, entry.mode === undefined ? {} : { mode: entry.mode });
      continue;
    }
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data) : (entry.data ?? Buffer.alloc(0));
    zip.addBuffer(data, entry.name, {
      compress: entry.compress ?? true,
      ...(entry.mode === undefined ? {} : { mode: entry.mode }),
    });
  }
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/**
 * Replaces every occurrence of `from` with `to` (same length) — how the tests plant names a zip
 * writer refuses to write (`../x`, `/x`, bytes that are not UTF-8) in both the local and the
 * central header.
 */
export function patchBytes(zip: Buffer, from: string | Buffer, to: string | Buffer): Buffer {
  const a = typeof from === 'string' ? Buffer.from(from, 'latin1') : from;
  const b = typeof to === 'string' ? Buffer.from(to, 'latin1') : to;
  if (a.length !== b.length) throw new Error('patchBytes needs equal lengths');
  const out = Buffer.from(zip);
  let at = out.indexOf(a);
  if (at < 0) throw new Error(`patchBytes: ${a.toString('latin1')} not found`);
  while (at >= 0) {
    b.copy(out, at);
    at = out.indexOf(a, at + b.length);
  }
  return out;
}

/** Clears general-purpose bit 11 (names are UTF-8) in every local and central header. */
export function clearUtf8Flags(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  for (const [signature, flagOffset] of [
    [0x04034b50, 6],
    [0x02014b50, 8],
  ] as const) {
    const sig = Buffer.alloc(4);
    sig.writeUInt32LE(signature);
    for (let at = out.indexOf(sig); at >= 0; at = out.indexOf(sig, at + 4)) {
      out.writeUInt16LE(out.readUInt16LE(at + flagOffset) & ~0x800, at + flagOffset);
    }
  }
  return out;
}

export async function tempDir(prefix = 'rommer-archive-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Every file and folder under dir, relative and '/'-separated, sorted (folders end with '/'). */
export async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .map((e) => {
      const rel = join(e.parentPath ?? dir, e.name).slice(dir.length + 1).split('\\').join('/');
      return e.isDirectory() ? `${rel}/` : rel;
    })
    .sort();
}

export interface TreeSpec {
  [path: string]: string | Buffer | { symlinkTo: string };
}

/** Writes files (and symlinks) under root. */
export async function writeTree(root: string, tree: TreeSpec): Promise<void> {
  for (const [path, content] of Object.entries(tree)) {
    const target = join(root, path);
    await mkdir(dirname(target), { recursive: true });
    if (typeof content === 'object' && !Buffer.isBuffer(content)) await symlink(content.symlinkTo, target);
    else await writeFile(target, content);
  }
}

/** A real 7z archive of `tree`, made by 7-Zip (7z-wasm); symlinks are stored as links. */
export async function makeSevenZip(outFile: string, tree: TreeSpec, extraArgs: string[] = []): Promise<void> {
  const src = await tempDir('rommer-7z-src-');
  try {
    await writeTree(src, tree);
    const outDir = dirname(outFile);
    const name = outFile.slice(outDir.length + 1);
    const result = await runSevenZip(['a', '-t7z', '-snl', '-bsp0', ...extraArgs, `/out/${name}`, '/src/*'], {
      mounts: [
        { dir: src, at: '/src' },
        { dir: outDir, at: '/out' },
      ],
    });
    if (result.exitCode !== 0) throw new Error(`7z a failed: ${result.stderr.join(' ')}`);
  } finally {
    await removeDir(src);
  }
}

/**
 * Renames an entry inside a 7z made with `-mhc=off` (uncompressed header), fixing the header
 * CRCs — how the tests plant names 7-Zip will not write, such as `../x`. Same length only.
 */
export async function patchSevenZipName(file: string, from: string, to: string): Promise<void> {
  if (from.length !== to.length) throw new Error('patchSevenZipName needs equal lengths');
  const { crc32 } = await import('node:zlib');
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(file);
  const headerOffset = 32 + Number(bytes.readBigUInt64LE(12));
  const headerSize = Number(bytes.readBigUInt64LE(20));
  const header = bytes.subarray(headerOffset, headerOffset + headerSize);
  const a = Buffer.from(from, 'utf16le');
  const at = header.indexOf(a);
  if (at < 0) throw new Error(`patchSevenZipName: ${from} not in an uncompressed header`);
  Buffer.from(to, 'utf16le').copy(header, at);
  bytes.writeUInt32LE(crc32(header), 28);
  bytes.writeUInt32LE(crc32(bytes.subarray(12, 32)), 8);
  await writeFile(file, bytes);
}

/** Rewrites fields of every central directory header (how tests make a zip lie about an entry). */
export function patchCentralHeaders(
  zip: Buffer,
  fields: { uncompressedSize?: number; compressionMethod?: number; flags?: number },
): Buffer {
  const out = Buffer.from(zip);
  const sig = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = out.indexOf(sig); at >= 0; at = out.indexOf(sig, at + 4)) {
    if (fields.flags !== undefined) out.writeUInt16LE(out.readUInt16LE(at + 8) | fields.flags, at + 8);
    if (fields.compressionMethod !== undefined) out.writeUInt16LE(fields.compressionMethod, at + 10);
    if (fields.uncompressedSize !== undefined) out.writeUInt32LE(fields.uncompressedSize, at + 24);
  }
  return out;
}

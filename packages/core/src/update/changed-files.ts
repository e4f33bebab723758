import fs from 'node:fs/promises';
import path from 'node:path';
import { hashFile } from '../hash-file.js';

async function sameContent(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([fs.stat(a), fs.stat(b).catch(() => undefined)]);
  if (sb === undefined || sa.size !== sb.size) return false;
  const [ha, hb] = await Promise.all([hashFile(a), hashFile(b)]);
  return ha === hb;
}

/** Which staged files differ from (or are absent in) the committed folder. */
export async function changedFiles(stagingDir: string, currentDir: string, files: string[]): Promise<string[]> {
  const changed: string[] = [];
  for (const file of files) {
    if (!(await sameContent(path.join(stagingDir, file), path.join(currentDir, file)))) changed.push(file);
  }
  return changed;
}

/** rommer's own bookkeeping inside a source folder (see manifest.ts), never one of its DATs. */
const MANIFEST_NAME = '.rommer-source.json';

/** Every regular file under a folder, relative, '/'-separated (rommer's source manifest left out). */
export async function listFilesRecursive(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(sub: string): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(path.join(dir, sub), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const rel = sub === '' ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory()) await walk(rel);
      else if (entry.isFile() && rel !== MANIFEST_NAME) out.push(rel);
    }
  }
  await walk('');
  return out.sort();
}

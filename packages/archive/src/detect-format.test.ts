import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ArchiveError } from './errors.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertArchive, detectArchiveFormat } from './detect-format.js';
import { makeSevenZip, makeZip, removeDir, tempDir } from './test-support/archives.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('detectArchiveFormat', () => {
  it('recognises zip and 7z by their bytes, whatever the file is called', async () => {
    expect(await detectArchiveFormat(await file('pack.7z', await makeZip([{ name: 'a', data: 'b' }])))).toBe('zip');
    expect(await detectArchiveFormat(await file('empty.dat', await makeZip([])))).toBe('zip');
    const seven = join(dir, 'pack.zip');
    await makeSevenZip(seven, { 'a.dat': 'x' });
    expect(await detectArchiveFormat(seven)).toBe('7z');
  });

  it('recognises HTML pages (login and error pages), with BOM or leading blanks', async () => {
    expect(await detectArchiveFormat(await file('a.zip', '<!DOCTYPE html><html><body>Login</body></html>'))).toBe('html');
    expect(await detectArchiveFormat(await file('b.zip', '\ufeff\r\n  <html lang="en">\n<head><title>502</title></head>'))).toBe('html');
    expect(await detectArchiveFormat(await file('c.zip', '<HTML><BODY>Not Found</BODY></HTML>'))).toBe('html');
    expect(await detectArchiveFormat(await file('d.zip', '<h1>403 Forbidden</h1><a href="/login">log in</a>'))).toBe('html');
  });

  it('says unknown for other content, an XML DAT or an empty file', async () => {
    expect(await detectArchiveFormat(await file('a.zip', Buffer.from([0, 1, 2, 3, 4, 5, 6, 7])))).toBe('unknown');
    expect(await detectArchiveFormat(await file('b.zip', '<?xml version="1.0"?>\n<datafile><header/></datafile>'))).toBe('unknown');
    expect(await detectArchiveFormat(await file('c.zip', ''))).toBe('unknown');
  });
});

describe('assertArchive', () => {
  it('returns the format of an archive', async () => {
    expect(await assertArchive(await file('x.bin', await makeZip([{ name: 'a', data: 'b' }])))).toBe('zip');
  });

  it('names the file and says it got an HTML page', async () => {
    const path = await file('redump.zip', '<!doctype html><html><body><form id="login"></form></body></html>');
    const error = await assertArchive(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveError);
    expect(error).toMatchObject({
      message: `${path}: expected a zip or 7z archive but got an HTML page (a login or error page?)`,
      archive: path,
      code: 'archive',
    });
  });

  it('rejects unknown content and a missing file with one-line ArchiveErrors', async () => {
    const path = await file('junk.zip', 'just text');
    await expect(assertArchive(path)).rejects.toThrow(`${path}: not a zip or 7z archive (unrecognised first bytes)`);
    await expect(assertArchive(join(dir, 'missing.zip'))).rejects.toThrow(/missing\.zip: cannot open: ENOENT/);
  });
});

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ArchiveError } from '@rommer/archive';
import { CancelledError } from '@rommer/core';
import { listFilesRecursive } from '@rommer/core/files';
import { defaultPackSystems, makeLovePack, noIntroStyleDat, zipBuffer } from '@rommer/mirror';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stagePack } from './stage-pack.js';

let tmp: string;
beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'no-intro-stage-'));
});
afterEach(() => fs.rm(tmp, { recursive: true, force: true }));

async function writePack(date: string, name?: string, systems = defaultPackSystems(date)) {
  const pack = await makeLovePack({ date, systems });
  const file = path.join(tmp, name ?? pack.name);
  await fs.writeFile(file, pack.data);
  return { file, name: name ?? pack.name };
}

describe('stagePack', () => {
  it('stages the DATs with their folders, skips index.txt and dates the pack by its name', async () => {
    const { file, name } = await writePack('2026-11-20');
    const staging = path.join(tmp, 'staging');
    const staged = await stagePack(file, name, { stagingDir: staging, currentDir: path.join(tmp, 'none') });
    expect(staged.version).toBe('2026-11-20');
    expect(staged.skipped).toEqual(['index.txt']);
    expect(staged.files).toEqual(await listFilesRecursive(staging));
    expect(staged.files).toContain('No-Intro/Nintendo - Game Boy (20261120-093512).dat');
    expect(staged.files).toContain('Unofficial/Unofficial - Nintendo - Game Boy (Translations) (20261120-130000).dat');
    expect(staged.changed).toEqual(staged.files);
    expect(staged.systems['No-Intro/Nintendo - Game Boy']).toBe('20261120-093512');
  });

  it('replaces a system’s older DAT and reports only the systems whose content changed', async () => {
    // Held: yesterday's pack, committed as the orchestrator would.
    const old = await writePack('2026-11-19');
    const current = path.join(tmp, 'current');
    await stagePack(old.file, old.name, { stagingDir: current, currentDir: path.join(tmp, 'none') });
    // Today: Game Boy changed (new stamp, more games); the PlayStation DAT kept its content and name.
    const systems = defaultPackSystems('2026-11-19').map((s) =>
      s.system === 'Nintendo - Game Boy' ? { ...s, stamp: '20261120-093512', games: 4 } : s,
    );
    const next = await writePack('2026-11-20', undefined, systems.filter((s) => s.system !== 'Sega - Mega Drive - Genesis'));
    const staging = path.join(tmp, 'staging');
    const staged = await stagePack(next.file, 'daily.zip', { stagingDir: staging, currentDir: current, missingGraceDays: 0 });
    expect(staged.version).toBe('2026-11-20'); // from the newest DAT: the name has no date
    expect(staged.files.filter((f) => f.startsWith('No-Intro/Nintendo - Game Boy ('))).toEqual(['No-Intro/Nintendo - Game Boy (20261120-093512).dat']);
    expect(staged.changedSystems).toEqual(['No-Intro/Nintendo - Game Boy']);
    expect(staged.changed).toEqual(['No-Intro/Nintendo - Game Boy (20261120-093512).dat']);
    expect(staged.removedSystems).toEqual(['No-Intro/Sega - Mega Drive - Genesis']);
  });

  it('keeps a held DAT the new pack lacks for the grace days, with a warning, then removes it', async () => {
    const old = await writePack('2026-11-19');
    const current = path.join(tmp, 'current');
    await stagePack(old.file, old.name, { stagingDir: current, currentDir: path.join(tmp, 'none') });
    const next = await writePack('2026-11-20', undefined, defaultPackSystems('2026-11-20').filter((s) => s.system !== 'Sega - Mega Drive - Genesis'));
    const day = 86_400;
    const now = 1_800_000_000;
    const stage = async (missingSince: Record<string, number> | undefined, at: number) => {
      const warnings: string[] = [];
      const staging = await fs.mkdtemp(path.join(tmp, 'staging-'));
      const staged = await stagePack(next.file, next.name, {
        stagingDir: staging,
        currentDir: current,
        warn: (m) => warnings.push(m),
        now: at,
        ...(missingSince !== undefined ? { missingSince } : {}),
      });
      return { staged, warnings, onDisk: await listFilesRecursive(staging) };
    };
    const kept = 'No-Intro/Sega - Mega Drive - Genesis (20261119-070000).dat';
    // First missed today: kept (the default grace is 7 days), not counted as changed, and remembered.
    const first = await stage(undefined, now);
    expect(first.staged.files).toContain(kept);
    expect(first.onDisk).toEqual(first.staged.files);
    expect(first.staged.changed).not.toContain(kept);
    expect(first.staged.removedSystems).toEqual([]);
    expect(first.staged.missingSince).toEqual({ 'No-Intro/Sega - Mega Drive - Genesis': now });
    expect(first.warnings).toEqual([
      'no-intro: No-Intro/Sega - Mega Drive - Genesis is missing from this pack (DAT-o-MATIC drops DATs while they are edited); the DAT held is kept for 7 more days',
    ]);
    // Six days later it is still kept, counting from the day it first went missing.
    const later = await stage(first.staged.missingSince, now + 6 * day);
    expect(later.staged.files).toContain(kept);
    expect(later.warnings[0]).toMatch(/kept for 1 more day$/);
    // After seven days it is removed.
    const gone = await stage(first.staged.missingSince, now + 7 * day);
    expect(gone.staged.files).not.toContain(kept);
    expect(gone.staged.removedSystems).toEqual(['No-Intro/Sega - Mega Drive - Genesis']);
    expect(gone.staged.missingSince).toEqual({});
    expect(gone.warnings).toEqual(['no-intro: No-Intro/Sega - Mega Drive - Genesis has been missing from the daily pack for 7 days; its DAT is removed']);
  });

  it('keeps the newest DAT when a pack holds two for one system', async () => {
    const data = await zipBuffer({
      'No-Intro/Nintendo - Game Boy (20261001-000000).dat': noIntroStyleDat('Nintendo - Game Boy', '20261001-000000'),
      'No-Intro/Nintendo - Game Boy (20261120-093512).dat': noIntroStyleDat('Nintendo - Game Boy', '20261120-093512'),
    });
    const file = path.join(tmp, 'two.zip');
    await fs.writeFile(file, data);
    const warnings: string[] = [];
    const staged = await stagePack(file, 'two.zip', { stagingDir: path.join(tmp, 's'), currentDir: path.join(tmp, 'none'), warn: (m) => warnings.push(m) });
    expect(staged.files).toEqual(['No-Intro/Nintendo - Game Boy (20261120-093512).dat']);
    expect(await listFilesRecursive(path.join(tmp, 's'))).toEqual(staged.files);
    expect(warnings).toEqual(['no-intro: the pack holds two DATs for No-Intro/Nintendo - Game Boy; kept Nintendo - Game Boy (20261120-093512).dat']);
  });

  it('fails with one line naming the source for a pack without DATs or a page saved instead of a zip', async () => {
    const empty = path.join(tmp, 'empty.zip');
    await fs.writeFile(empty, await zipBuffer({ 'index.txt': 'nothing' }));
    await expect(stagePack(empty, 'empty.zip', { stagingDir: path.join(tmp, 's1'), currentDir: tmp })).rejects.toThrow(
      /^no-intro: empty\.zip holds no DAT files; keeping the DATs held$/,
    );
    const html = path.join(tmp, 'page.zip');
    await fs.writeFile(html, '<!DOCTYPE html><html><body>Please log in</body></html>');
    const error = await stagePack(html, 'page.zip', { stagingDir: path.join(tmp, 's2'), currentDir: tmp }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveError);
    expect((error as Error).message).toMatch(/^no-intro: .*page\.zip: expected a zip or 7z archive but got an HTML page/);
  });
});

describe('stagePack cancellation', () => {
  it('stays a cancellation (not an archive error) and leaves nothing staged', async () => {
    const { file, name } = await writePack('2026-11-20');
    const controller = new AbortController();
    controller.abort();
    const staging = path.join(tmp, 'staging');
    await expect(stagePack(file, name, { stagingDir: staging, currentDir: tmp, signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(await listFilesRecursive(staging)).toEqual([]);
  });
});

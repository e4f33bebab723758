import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCommandContext } from './context.js';
import { buildSourceRows, loadSourceRows } from './source-rows.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rommer-rows-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function context(conf: string) {
  const config = path.join(dir, 'sources.conf');
  await writeFile(config, conf);
  return loadCommandContext({ config, dataDir: path.join(dir, 'data') }, {});
}

describe('source rows', () => {
  it('lists every source with its enabled state from the config and what the ledger holds', async () => {
    const ctx = await context('[sources.opengood]\nenabled = false\n[sources.fbneo]\nenabled = true\n');
    const rows = buildSourceRows(ctx, [
      { source: 'opengood', version: 'a'.repeat(40), lastUpdated: 1_700_000_000, url: null, lastChecked: null, state: null, lastError: null },
    ]);
    expect(rows.map((row) => row.id)).toEqual(['opengood', 'mame', 'no-intro', 'tosec', 'redump', 'fbneo', 'libretro']);
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get('opengood')).toMatchObject({
      title: expect.any(String),
      enabled: false,
      transport: 'git',
      heldVersion: 'a'.repeat(40),
      lastUpdated: 1_700_000_000,
    });
    expect(byId.get('fbneo')).toMatchObject({ enabled: true, heldVersion: null, lastUpdated: null });
    expect(byId.get('tosec')?.enabled).toBe(true);
  });

  it('reads an empty ledger without creating a catalogue', async () => {
    const ctx = await context('');
    const rows = await loadSourceRows(ctx);
    expect(rows.every((row) => row.heldVersion === null)).toBe(true);
    const { existsSync } = await import('node:fs');
    expect(existsSync(ctx.paths.databaseFile)).toBe(false);
  });
});

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { createSourceRegistry } from '../registry.js';
import type { AnySource } from '../source.js';
import { loadConfig } from './load.js';
import { sourceConfigSchema } from './schema.js';

function fakeSource(id: string, defaultEnabled: boolean, extra: z.ZodRawShape = {}): AnySource {
  return {
    info: {
      id,
      title: id,
      homepage: 'https://example.invalid',
      defaultEnabled,
      defaultAutoImport: true,
      needsCredentials: false,
      transport: 'git',
      downloads: 'files',
    },
    configSchema: sourceConfigSchema(extra),
    check: () => Promise.reject(new Error('not used')),
    fetch: () => Promise.reject(new Error('not used')),
  };
}

const registry = createSourceRegistry([
  fakeSource('opengood', true),
  fakeSource('mame', false, { repo: z.string().default('mamedev/mame') }),
  fakeSource('no-intro', true, { include: z.array(z.string()).default([]) }),
]);

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rommer-config-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function write(text: string, name = 'sources.conf'): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, text);
  return file;
}

async function loadError(file: string): Promise<ConfigError> {
  const error = await loadConfig({ configFile: file }, registry).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('loadConfig', () => {
  it('reads [scan] paths, a leading ~/ being the home folder, and refuses unknown keys there', async () => {
    const file = await write('[scan]\npaths = ["~/roms", "/mnt/roms"]\n');
    expect((await loadConfig({ configFile: file }, registry)).scan).toEqual({ paths: [path.join(os.homedir(), 'roms'), '/mnt/roms'] });
    expect((await loadConfig({ configFile: path.join(dir, 'none.conf') }, registry)).scan).toEqual({ paths: [] });
    const error = await loadError(await write('[scan]\npath = ["x"]\n', 'bad.conf'));
    expect(error.message).toMatch(/bad\.conf:\d+:\d+: unknown key "path" in \[scan\]/);
  });

  it('gives defaults when the file does not exist', async () => {
    const config = await loadConfig({ configFile: path.join(dir, 'missing.conf') }, registry);
    expect(config.file).toBeNull();
    expect(config.defaults.concurrency).toBe(3);
    expect(config.defaults.github_api).toBe('https://api.github.com');
    expect(config.sources.get('opengood')?.enabled).toBe(true);
    expect(config.sources.get('mame')?.enabled).toBe(false);
    expect(config.sources.get('mame')?.config['repo']).toBe('mamedev/mame');
  });

  it('fails when an explicitly named file does not exist', async () => {
    const file = path.join(dir, 'nope.conf');
    const error = await loadConfig({ configFile: file, configExplicit: true }, registry).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(`${file}: configuration file not found`);
  });

  it('reads TOML tables, quoted source ids and per-source keys', async () => {
    const file = await write(
      [
        '[defaults]',
        'concurrency = 5',
        '',
        '[sources.mame]',
        'enabled = true',
        'repo = "someone/mame"',
        '',
        '[sources."no-intro"]',
        'auto_import = false',
        'include = ["aftermarket"]',
      ].join('\n'),
    );
    const config = await loadConfig({ configFile: file }, registry);
    expect(config.file).toBe(file);
    expect(config.defaults.concurrency).toBe(5);
    expect(config.sources.get('mame')).toMatchObject({ enabled: true, configured: true });
    expect(config.sources.get('mame')?.config['repo']).toBe('someone/mame');
    expect(config.sources.get('no-intro')).toMatchObject({ enabled: true, autoImport: false });
    expect(config.sources.get('no-intro')?.config['include']).toEqual(['aftermarket']);
  });

  it('reports a TOML syntax error with file, line and column', async () => {
    const file = await write('[defaults]\nconcurrency = 3\n[sources.mame\nenabled = true\n');
    const error = await loadError(file);
    expect(error.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: invalid TOML: `));
    expect(error.message).not.toContain('\n');
    expect(error.exitCode).toBe(2);
  });

  it('reports an unknown key with its line', async () => {
    const file = await write('[sources.mame]\nenabled = true\nenbled = false\n');
    const error = await loadError(file);
    expect(error.message).toBe(`${file}:3:1: unknown key "enbled" in [sources.mame]`);
  });

  it('reports a wrong type with its line', async () => {
    const file = await write('# settings\n[defaults]\nconcurrency = "x"\n');
    const error = await loadError(file);
    expect(error.message).toBe(`${file}:3:1: defaults.concurrency: expected number, got string`);
  });

  it('reports an unknown source and an unknown top-level table', async () => {
    const unknownSource = await write('[sources.gooddats]\nenabled = true\n');
    expect((await loadError(unknownSource)).message).toContain(`${unknownSource}:1:1: unknown source "gooddats"`);
    const unknownTable = await write('[extras]\nx = 1\n');
    expect((await loadError(unknownTable)).message).toBe(`${unknownTable}:1:1: unknown key "extras" in the top level`);
  });

  it('refuses a source url that is not a URL, naming the file, line and source (exit 2)', async () => {
    const file = await write('[sources.mame]\nurl = "not a url"\n');
    const error = await loadError(file);
    expect(error.message).toBe(`${file}:2:1: [sources.mame] url "not a url" is not a URL (expected https://…, a git remote or an absolute path)`);
    expect(error.exitCode).toBe(2);
    expect(error.message).not.toContain('\n');
    const fine = await write('[sources.mame]\nurl = "https://example.invalid/mame"\n');
    await expect(loadConfig({ configFile: fine }, registry)).resolves.toBeDefined();
  });

  it('accepts an empty file and a file without extension', async () => {
    const empty = await write('');
    expect((await loadConfig({ configFile: empty }, registry)).defaults.concurrency).toBe(3);
    const noExt = await write('[defaults]\nconcurrency = 2\n', 'rommer-config');
    expect((await loadConfig({ configFile: noExt }, registry)).defaults.concurrency).toBe(2);
  });
});

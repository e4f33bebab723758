import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The root postinstall (scripts/check-native-modules.mjs): npm drops an optional native module whose
// build failed without a word; this check says so after every npm ci / npm install.
const repo = fileURLToPath(new URL('../../', import.meta.url));
const script = path.join(repo, 'scripts/check-native-modules.mjs');
const temps: string[] = [];
afterAll(() => Promise.all(temps.map((dir) => fs.rm(dir, { recursive: true, force: true }))));

function run(file: string) {
  const result = spawnSync(process.execPath, [file], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the install check (npm postinstall)', () => {
  it('is what npm runs after installing', async () => {
    const manifest = JSON.parse(await fs.readFile(path.join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(manifest.scripts['postinstall']).toBe('node scripts/check-native-modules.mjs');
  });

  it('passes in this workspace, and mentions keytar exactly when keytar cannot be loaded', () => {
    const result = run(script);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('better-sqlite3');
    let keytarLoads = true;
    try {
      createRequire(path.join(repo, 'packages/core/package.json'))('keytar');
    } catch {
      keytarLoads = false;
    }
    if (keytarLoads) expect(result.stderr).toBe('');
    else expect(result.stderr).toContain('apt-get install libsecret-1-dev');
  });

  it('says what is missing and how to fix it when the native modules did not build', async () => {
    // The same script in a checkout whose install dropped both modules.
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'rommer-install-check-'));
    temps.push(root);
    for (const dir of ['scripts', 'packages/core', 'packages/store']) await fs.mkdir(path.join(root, dir), { recursive: true });
    for (const pkg of ['core', 'store']) await fs.writeFile(path.join(root, 'packages', pkg, 'package.json'), '{"name":"x","type":"module"}');
    await fs.copyFile(script, path.join(root, 'scripts/check-native-modules.mjs'));

    const result = run(path.join(root, 'scripts/check-native-modules.mjs'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("rommer: better-sqlite3 (the catalogue's SQLite driver) does not work");
    expect(result.stderr).toContain('apt-get install build-essential python3');
    expect(result.stderr).toContain('keytar (the OS keyring for `rommer login`) is not installed');
    expect(result.stderr).toContain('apt-get install libsecret-1-dev');
    expect(result.stderr).toContain('ROMMER_<SOURCE>_PASSWORD');
  });
});

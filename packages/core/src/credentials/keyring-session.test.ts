import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deletePassword, getPassword, resetCredentialWarnings, setPassword } from './credentials.js';
import { keyringStatus } from './keyring.js';

const inSession = process.env['ROMMER_KEYRING_SESSION'] === '1';

function have(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const tools = have('dbus-run-session') && have('gnome-keyring-daemon');
if (!inSession && !tools) {
  console.warn('keyring test skipped: dbus-run-session or gnome-keyring-daemon is missing (apt: dbus gnome-keyring libsecret-1-dev)');
}

// The outer run starts a private D-Bus session with an unlocked gnome-keyring and runs this same
// file inside it, where the real keytar talks to a real Secret Service.
describe.runIf(!inSession && tools)('the OS keyring under dbus-run-session', () => {
  it('stores, reads and deletes a password through keytar', () => {
    const packageDir = fileURLToPath(new URL('../../', import.meta.url));
    const script =
      'echo rommer-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec npx vitest run src/credentials/keyring-session.test.ts';
    // A private data folder: the daemon creates a fresh login keyring there, unlocked with our password,
    // and nothing touches the user's own keyrings.
    const dataHome = fs.mkdtempSync(path.join(os.tmpdir(), 'rommer-keyring-'));
    // gnome-keyring puts its control socket in the cache folder; a fresh CI home may have none.
    const cacheHome = path.join(dataHome, 'cache');
    fs.mkdirSync(cacheHome);
    const run = spawnSync('dbus-run-session', ['--', 'sh', '-c', script], {
      cwd: packageDir,
      env: { ...process.env, XDG_DATA_HOME: dataHome, XDG_CACHE_HOME: cacheHome, ROMMER_KEYRING_SESSION: '1', CI: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    fs.rmSync(dataHome, { recursive: true, force: true });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(output, output).toMatch(/Tests\s+1 passed/);
    expect(run.status, output).toBe(0);
  }, 150_000);
});

describe.runIf(inSession)('inside the keyring session', () => {
  it('keeps redump:<user> in the keyring, ahead of the environment', async () => {
    expect(await keyringStatus()).toEqual({ available: true });
    const warnings: string[] = [];
    const options = { env: { ROMMER_REDUMP_PASSWORD: 'from-env' }, warn: (m: string) => warnings.push(m) };
    resetCredentialWarnings();
    await setPassword('redump', 'tester', 'from-keyring');
    expect(await getPassword('redump', 'tester', options)).toEqual({ password: 'from-keyring', from: 'keyring' });
    expect(await deletePassword('redump', 'tester')).toBe(true);
    expect(await getPassword('redump', 'tester', options)).toEqual({ password: 'from-env', from: 'env' });
    expect(warnings).toEqual([]);
  });
});

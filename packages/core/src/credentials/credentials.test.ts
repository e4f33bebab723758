import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CredentialsError } from '../errors.js';
import { deletePassword, getPassword, passwordEnvVar, resetCredentialWarnings, setPassword } from './credentials.js';
import { keyringStatus } from './keyring.js';

// No Secret Service here: the real keytar (lazily loaded) must fail and rommer must fall back.
// (The keyring itself is exercised under dbus-run-session in keyring-session.test.ts.)
beforeAll(() => {
  // A bus address that cannot exist: never the developer's own keyring, whatever the machine runs.
  process.env['DBUS_SESSION_BUS_ADDRESS'] = 'unix:path=/nonexistent/rommer-test-bus';
  delete process.env['DISPLAY'];
});

const dirs: string[] = [];
afterEach(async () => {
  resetCredentialWarnings();
  for (const dir of dirs.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

async function configFile(mode: number): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rommer-cred-'));
  dirs.push(dir);
  const file = path.join(dir, 'sources.conf');
  await fs.writeFile(file, '[sources.redump]\nusername = "me"\npassword = "hunter2-config"\n');
  await fs.chmod(file, mode);
  return file;
}

describe('credentials without an OS keyring', () => {
  it('reports the keyring as unavailable with a reason', async () => {
    const status = await keyringStatus();
    expect(status.available).toBe(false);
    expect(status.reason).toMatch(/\S/);
  });

  it('falls back to ROMMER_REDUMP_PASSWORD and says once that the keyring is unusable', async () => {
    const warnings: string[] = [];
    const options = { env: { [passwordEnvVar('redump')]: 'hunter2-env' }, warn: (m: string) => warnings.push(m) };
    expect(await getPassword('redump', 'me', options)).toEqual({ password: 'hunter2-env', from: 'env' });
    expect(await getPassword('redump', 'me', options)).toEqual({ password: 'hunter2-env', from: 'env' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^OS keyring unavailable: .*; using ROMMER_REDUMP_PASSWORD or the config file instead$/);
    expect(warnings.join('\n')).not.toContain('hunter2');
  });

  it('uses a password from sources.conf with a warning naming the file, stronger when others can read it', async () => {
    const privateFile = await configFile(0o600);
    const warnings: string[] = [];
    const found = await getPassword('redump', 'me', {
      env: {},
      configPassword: 'hunter2-config',
      configFile: privateFile,
      warn: (m) => warnings.push(m),
    });
    expect(found).toEqual({ password: 'hunter2-config', from: 'config' });
    expect(warnings.filter((w) => w.includes(privateFile))).toHaveLength(1);
    expect(warnings.some((w) => /other users can read it/.test(w))).toBe(false);

    const openFile = await configFile(0o644);
    warnings.length = 0;
    await getPassword('redump', 'me', { env: {}, configPassword: 'hunter2-config', configFile: openFile, warn: (m) => warnings.push(m) });
    expect(warnings.some((w) => w.includes(`${openFile} holds a password and other users can read it`))).toBe(true);
    expect(warnings.join('\n')).not.toContain('hunter2');
  });

  it('prefers the environment to the config file and returns undefined when nothing is set', async () => {
    const warn = () => undefined;
    expect(await getPassword('redump', 'me', { env: { ROMMER_REDUMP_PASSWORD: 'e' }, configPassword: 'c', warn })).toEqual({
      password: 'e',
      from: 'env',
    });
    expect(await getPassword('redump', 'me', { env: {}, warn })).toBeUndefined();
  });

  it('cannot store or delete without a keyring, and says why without the password', async () => {
    const error = await setPassword('redump', 'me', 'hunter2-set').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as Error).message).toMatch(/^OS keyring unavailable: /);
    expect((error as Error).message).not.toContain('hunter2');
    await expect(deletePassword('redump', 'me')).rejects.toBeInstanceOf(CredentialsError);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { keyringStatus, setKeyringBackend, type KeyringBackend } from './keyring.js';

function failingBackend(message: string): KeyringBackend {
  const fail = () => Promise.reject(new Error(message));
  return { getPassword: fail, setPassword: fail, deletePassword: fail };
}

afterEach(() => setKeyringBackend(undefined));

describe('keyringStatus says why the keyring is unusable and how to fix it', () => {
  it('keytar missing (its build failed during npm ci): install libsecret-1-dev and npm ci again', async () => {
    setKeyringBackend(new Error("keytar cannot be loaded (Cannot find package 'keytar' imported from /x/keyring.js)"));
    const status = await keyringStatus();
    expect(status).toMatchObject({ available: false, reason: expect.stringContaining("Cannot find package 'keytar'") });
    expect(status.fix).toContain('apt-get install libsecret-1-dev');
    expect(status.fix).toContain('npm ci again');
  });

  it('keytar built but libsecret missing at run time: install the library', async () => {
    setKeyringBackend(new Error('keytar cannot be loaded (libsecret-1.so.0: cannot open shared object file: No such file or directory)'));
    expect((await keyringStatus()).fix).toContain('libsecret-1-0');
  });

  it('no D-Bus session: start a Secret Service', async () => {
    setKeyringBackend(failingBackend('Cannot autolaunch D-Bus without X11 $DISPLAY'));
    const status = await keyringStatus();
    expect(status.reason).toMatch(/^no D-Bus session/);
    expect(status.fix).toContain('dbus-run-session');
  });

  it('a locked keyring: unlock it', async () => {
    setKeyringBackend(failingBackend('Object does not exist at path “/org/freedesktop/secrets/collection/login”'));
    expect((await keyringStatus()).fix).toContain('unlock');
  });

  it('an unknown failure has a reason and no invented fix', async () => {
    setKeyringBackend(failingBackend('something else'));
    expect(await keyringStatus()).toEqual({ available: false, reason: 'something else' });
  });
});

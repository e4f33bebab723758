import { CredentialsError, describeError } from '../errors.js';

/** The OS keyring service name rommer stores passwords under. */
export const keyringService = 'rommer';

/** The part of keytar rommer uses. */
export interface KeyringBackend {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeyringStatus {
  available: boolean;
  /** Why not, in a few words (keytar missing, no Secret Service, locked keyring). */
  reason?: string;
  /** What to do about it, when that is known. */
  fix?: string;
}

// A keyring call blocks while D-Bus tries to start a Secret Service that is not there; give up
// after a while and fall back rather than hang an update.
const callTimeoutMs = 10_000;

let backendPromise: Promise<KeyringBackend | Error> | undefined;

/**
 * Loads keytar lazily: it is an optional native dependency, absent or unbuildable on some
 * machines, and importing it at start-up would make every command pay for (or fail on) it.
 */
function loadBackend(): Promise<KeyringBackend | Error> {
  // A computed specifier: typecheck and build must not require the optional package to be installed.
  const specifier = 'keytar';
  backendPromise ??= (import(specifier) as Promise<unknown>).then(
    (module) => ((module as { default?: KeyringBackend }).default ?? (module as unknown as KeyringBackend)),
    (error: unknown) => new Error(`keytar cannot be loaded (${describeError(error)})`),
  );
  return backendPromise;
}


async function withTimeout<T>(what: string, call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${callTimeoutMs / 1000} s`)), callTimeoutMs);
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What a user can do about an unusable keyring, from the reason it gave; undefined when unknown. */
export function keyringFix(reason: string): string | undefined {
  if (/keytar cannot be loaded/.test(reason)) {
    return /libsecret/.test(reason)
      ? 'install libsecret (Debian/Ubuntu: apt-get install libsecret-1-0; Fedora: libsecret)'
      : 'install libsecret\'s headers (Debian/Ubuntu: apt-get install libsecret-1-dev; Fedora: libsecret-devel) and run npm ci again, which builds keytar';
  }
  if (/no D-Bus session/.test(reason)) {
    return 'run rommer in a desktop session, or start a Secret Service: dbus-run-session with gnome-keyring-daemon --unlock (apt-get install dbus gnome-keyring)';
  }
  if (/locked or has no default collection/.test(reason)) return 'unlock the login keyring (gnome-keyring-daemon --unlock, or log in to the desktop)';
  return undefined;
}

/** Describes why a keyring call failed, in words a user can act on. */
function describeKeyringFailure(error: unknown): string {
  const text = describeError(error);
  if (/autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|dbus|Could not connect/i.test(text) && !/collection/i.test(text)) {
    return `no D-Bus session / Secret Service (${text})`;
  }
  if (/Object does not exist|collection|locked/i.test(text)) return `the keyring is locked or has no default collection (${text})`;
  return text;
}

/** The keyring backend, or an Error saying why there is none. Tests may replace it. */
export async function keyringBackend(): Promise<KeyringBackend | Error> {
  return overrideBackend ?? loadBackend();
}

let overrideBackend: KeyringBackend | Error | undefined;

/** For tests and embedders: use this backend instead of keytar (undefined restores keytar). */
export function setKeyringBackend(backend: KeyringBackend | Error | undefined): void {
  overrideBackend = backend;
}

function unavailable(reason: string): KeyringStatus {
  const fix = keyringFix(reason);
  return fix ? { available: false, reason, fix } : { available: false, reason };
}

/** Whether the OS keyring can be used here: keytar loads and a Secret Service answers. */
export async function keyringStatus(): Promise<KeyringStatus> {
  const backend = await keyringBackend();
  if (backend instanceof Error) return unavailable(backend.message);
  try {
    // A read of an account that never exists: cheap, and it fails the way real calls would.
    await withTimeout('the OS keyring', backend.getPassword(keyringService, 'rommer:probe'));
    return { available: true };
  } catch (error) {
    return unavailable(describeKeyringFailure(error));
  }
}

/** Reads a password; null when none is stored. Throws CredentialsError when the keyring is unusable. */
export async function keyringGet(account: string): Promise<string | null> {
  const backend = await keyringBackend();
  if (backend instanceof Error) throw new CredentialsError(`OS keyring unavailable: ${backend.message}`);
  try {
    return await withTimeout('the OS keyring', backend.getPassword(keyringService, account));
  } catch (error) {
    throw new CredentialsError(`OS keyring unavailable: ${describeKeyringFailure(error)}`, { cause: error });
  }
}

export async function keyringSet(account: string, password: string): Promise<void> {
  const backend = await keyringBackend();
  if (backend instanceof Error) throw new CredentialsError(`OS keyring unavailable: ${backend.message}`);
  try {
    await withTimeout('the OS keyring', backend.setPassword(keyringService, account, password));
  } catch (error) {
    throw new CredentialsError(`OS keyring unavailable: ${describeKeyringFailure(error)}`, { cause: error });
  }
}

export async function keyringDelete(account: string): Promise<boolean> {
  const backend = await keyringBackend();
  if (backend instanceof Error) throw new CredentialsError(`OS keyring unavailable: ${backend.message}`);
  try {
    return await withTimeout('the OS keyring', backend.deletePassword(keyringService, account));
  } catch (error) {
    throw new CredentialsError(`OS keyring unavailable: ${describeKeyringFailure(error)}`, { cause: error });
  }
}

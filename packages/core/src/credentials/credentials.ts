import fs from 'node:fs/promises';
import { CredentialsError } from '../errors.js';
import { keyringDelete, keyringGet, keyringSet } from './keyring.js';

/** Where a password came from (never the password itself). */
export type PasswordOrigin = 'keyring' | 'env' | 'config';

export interface FoundPassword {
  password: string;
  from: PasswordOrigin;
}

export interface GetPasswordOptions {
  env: Record<string, string | undefined>;
  /** `password` from `[sources.<id>]`, if set. */
  configPassword?: string | undefined;
  /** The sources.conf that holds it (warnings name it). */
  configFile?: string | null;
  /** Non-fatal notes: a keyring that cannot be used, a password kept in a file. */
  warn(message: string): void;
}

/** The keyring account for a source's user: `redump:<username>`. */
export function keyringAccount(source: string, username: string): string {
  return `${source}:${username}`;
}

/** The environment variable scripts use: `ROMMER_REDUMP_PASSWORD`. */
export function passwordEnvVar(source: string): string {
  return `ROMMER_${source.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_PASSWORD`;
}

// "rommer says so once": one note per process about an unusable keyring, however many sources ask.
let keyringWarned = false;

/** For tests: forget that the keyring warning was given. */
export function resetCredentialWarnings(): void {
  keyringWarned = false;
}

/**
 * A source's password, looked up in order: the OS keyring (service `rommer`, account
 * `<source>:<username>`), `ROMMER_<SOURCE>_PASSWORD`, then `password` in sources.conf (with a
 * warning naming the file, stronger when others can read it). Undefined when none is set.
 * No message ever contains the password.
 */
export async function getPassword(source: string, username: string, options: GetPasswordOptions): Promise<FoundPassword | undefined> {
  try {
    const stored = await keyringGet(keyringAccount(source, username));
    if (stored !== null && stored !== '') return { password: stored, from: 'keyring' };
  } catch (error) {
    if (!keyringWarned) {
      keyringWarned = true;
      options.warn(`${(error as Error).message}; using ${passwordEnvVar(source)} or the config file instead`);
    }
  }
  const fromEnv = options.env[passwordEnvVar(source)];
  if (fromEnv !== undefined && fromEnv !== '') return { password: fromEnv, from: 'env' };
  if (options.configPassword !== undefined && options.configPassword !== '') {
    const file = options.configFile ?? 'sources.conf';
    options.warn(
      `using the password stored in ${file}; keep it in the OS keyring instead ("rommer login ${source}") and remove it from the file`,
    );
    if (options.configFile != null && (await readableByOthers(options.configFile))) {
      options.warn(`${options.configFile} holds a password and other users can read it: run "chmod 600 ${options.configFile}"`);
    }
    return { password: options.configPassword, from: 'config' };
  }
  return undefined;
}

async function readableByOthers(file: string): Promise<boolean> {
  try {
    return ((await fs.stat(file)).mode & 0o044) !== 0;
  } catch {
    return false;
  }
}

/** Stores a password in the OS keyring; CredentialsError when there is no usable keyring. */
export async function setPassword(source: string, username: string, password: string): Promise<void> {
  if (password === '') throw new CredentialsError(`${source}: an empty password was not stored`);
  await keyringSet(keyringAccount(source, username), password);
}

/** Removes a stored password; false when there was none. */
export async function deletePassword(source: string, username: string): Promise<boolean> {
  return keyringDelete(keyringAccount(source, username));
}

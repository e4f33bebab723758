import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describeError, redactUrl, redactUrlCredentials, userAgent } from '@rommer/core';
import { keyringStatus } from '@rommer/core/credentials';
import type { Store } from '@rommer/store';
import { catalogueExists, openCatalogueStore, openLedgerStore, type CatalogueTarget } from './catalog.js';

/** One line of `rommer doctor`: ok, a warning (works, but the user may want to know), or a failure. */
export interface DoctorCheck {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
}

/** rommer's supported Node versions (package.json engines): ^20.19 || ^22.12 || >=24. */
export function checkNode(version = process.versions.node): DoctorCheck {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const supported = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 24;
  return {
    name: 'node',
    status: supported ? 'ok' : 'fail',
    detail: supported ? `Node ${version}` : `Node ${version} is not supported: use Node ^20.19, ^22.12 or >= 24`,
  };
}

/** The nearest folder that exists: a data folder not created yet is fine if its parent is writable. */
async function nearestExisting(dir: string): Promise<string> {
  let current = dir;
  for (;;) {
    const stat = await fs.stat(current).catch(() => undefined);
    if (stat !== undefined) return current;
    const parent = path.dirname(current);
    if (parent === current) return current;
    current = parent;
  }
}

/** Can rommer write here (or create it)? Never creates anything itself. */
export async function checkWritable(name: string, dir: string): Promise<DoctorCheck> {
  const existing = await nearestExisting(dir);
  const stat = await fs.stat(existing).catch(() => undefined);
  if (stat !== undefined && !stat.isDirectory()) {
    return { name, status: 'fail', detail: `${dir}: ${existing} is a file, not a folder` };
  }
  try {
    await fs.access(existing, fs.constants.W_OK);
  } catch {
    return { name, status: 'fail', detail: `${dir}: ${existing} is not writable` };
  }
  return { name, status: 'ok', detail: existing === dir ? `${dir} (writable)` : `${dir} (not created yet; ${existing} is writable)` };
}

export async function checkKeyring(): Promise<DoctorCheck> {
  const status = await keyringStatus();
  return status.available
    ? { name: 'keyring', status: 'ok', detail: 'the OS keyring is available for passwords (rommer login)' }
    : {
        name: 'keyring',
        status: 'warn',
        detail: `not available (${status.reason ?? 'unknown reason'}); ${status.fix ? `to fix: ${status.fix}; or ` : ''}use ROMMER_<SOURCE>_PASSWORD instead`,
      };
}

/**
 * Is the host behind `url` answering? Any HTTP answer counts (a 404 or a 403 still means the host
 * is there); a refused connection, a DNS failure or no answer within the timeout does not. `file:`
 * URLs (a local git mirror) are checked on disk.
 */
export async function checkReachable(name: string, url: string, timeoutMs = 3000): Promise<DoctorCheck> {
  const check = await probeReachable(name, url, timeoutMs);
  // Credentials in a configured URL never reach the report (nor fetch's error messages).
  return { ...check, detail: redactUrlCredentials(check.detail) };
}

async function probeReachable(name: string, url: string, timeoutMs: number): Promise<DoctorCheck> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // A plain path: a local clone or mirror.
    return fs.stat(url).then(
      () => ({ name, status: 'ok' as const, detail: `${redactUrl(url)} (local path)` }),
      () => ({ name, status: 'fail' as const, detail: `${url}: no such file or folder` }),
    );
  }
  if (parsed.protocol === 'file:') {
    return fs.stat(parsed).then(
      () => ({ name, status: 'ok' as const, detail: `${url} (local)` }),
      () => ({ name, status: 'fail' as const, detail: `${url}: no such file or folder` }),
    );
  }
  const started = Date.now();
  // fetch refuses a URL with credentials (and quotes it whole in its error): the host is what counts.
  const probe = new URL(parsed);
  probe.username = '';
  probe.password = '';
  try {
    const response = await fetch(probe, {
      method: 'HEAD',
      redirect: 'manual',
      headers: { 'user-agent': userAgent },
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return { name, status: 'ok', detail: `${parsed.host} answered (HTTP ${response.status}, ${Date.now() - started} ms)` };
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    const reason =
      error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
        ? `no answer within ${timeoutMs / 1000} s`
        : describeError(cause ?? error);
    return { name, status: 'fail', detail: `${parsed.host} is not reachable: ${reason}` };
  }
}

/**
 * The catalogue: absent (fine before the first update), or its engine, where it is, the server's
 * version and whether its schema is this build's; refused when it cannot be opened or is damaged.
 * The versions held come from this machine's ledger (the data folder's file, whichever engine holds
 * the catalogue).
 */
export async function checkDatabase(target: CatalogueTarget): Promise<{ check: DoctorCheck; held: HeldVersion[] }> {
  if (!catalogueExists(target)) {
    return { check: { name: 'database', status: 'ok', detail: `${target.file} (SQLite; none yet: the first update creates it)` }, held: [] };
  }
  try {
    // doctor only looks: a damaged catalogue is reported, never moved aside (update rebuilds it).
    const store = await openCatalogueStore(target, { damaged: 'refuse', readOnly: true });
    let ledgerStore: Store | undefined;
    try {
      const problems = await store.integrityCheck();
      if (problems.length > 0) {
        return {
          check: {
            name: 'database',
            status: 'fail',
            detail: `${store.location}: integrity_check failed (${problems[0]}${problems.length > 1 ? `, and ${problems.length - 1} more` : ''}); the next rommer update moves it aside and rebuilds it from the DAT folders`,
          },
          held: [],
        };
      }
      const info = await store.info();
      const dats = await store.listDats();
      if (target.url !== null && existsSync(target.file)) ledgerStore = await openLedgerStore(target, { readOnly: true });
      const ledger = target.url === null ? store.ledger : ledgerStore?.ledger;
      const held = ((await ledger?.list()) ?? []).map((entry) => ({
        source: entry.source,
        version: entry.version,
        lastUpdated: entry.lastUpdated === null ? null : new Date(entry.lastUpdated * 1000).toISOString(),
      }));
      const current = info.schemaVersion === info.latestVersion;
      const schema = `schema ${info.schemaVersion} of ${info.latestVersion}: migrations ${current ? 'current' : 'pending'}`;
      return {
        check: { name: 'database', status: current ? 'ok' : 'warn', detail: `${info.location} (${info.server}; ${schema}; ${dats.length} DATs catalogued)` },
        held,
      };
    } finally {
      await store.close();
      await ledgerStore?.close();
    }
  } catch (error) {
    return { check: { name: 'database', status: 'fail', detail: describeError(error) }, held: [] };
  }
}

export interface HeldVersion {
  source: string;
  version: string;
  lastUpdated: string | null;
}

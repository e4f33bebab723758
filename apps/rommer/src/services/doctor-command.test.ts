import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setKeyringBackend } from '@rommer/core/credentials';
import { openStore } from '@rommer/store';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatDoctor, runDoctor } from './doctor-command.js';

let root: string;
let server: http.Server;
let serverUrl: string;
let silent: http.Server;
let silentUrl: string;
const disabled = ['mame', 'no-intro', 'redump', 'fbneo', 'libretro'].map((id) => `[sources.${id}]\nenabled = false\n`).join('');

async function listen(handler: http.RequestListener): Promise<[http.Server, string]> {
  const s = http.createServer(handler);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return [s, `http://127.0.0.1:${(s.address() as AddressInfo).port}`];
}

beforeAll(async () => {
  [server, serverUrl] = await listen((_req, res) => res.writeHead(404).end());
  // Accepts connections and never answers: the timeout must fire.
  [silent, silentUrl] = await listen(() => undefined);
  // No OS keyring in unit tests: the check must say so as a warning, not fail.
  setKeyringBackend(new Error('no Secret Service in this test'));
});
afterAll(async () => {
  setKeyringBackend(undefined);
  silent.closeAllConnections();
  await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => silent.close(r))]);
});
beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'rommer-doctor-'));
  await fs.mkdir(path.join(root, 'opengood.git'));
});
afterEach(() => fs.rm(root, { recursive: true, force: true }));

async function doctor(toml: string, options: { timeoutMs?: number } = {}) {
  const config = path.join(root, 'sources.conf');
  await fs.writeFile(config, toml);
  return runDoctor({ config, dataDir: path.join(root, 'data') }, { HOME: root }, options);
}

describe('rommer doctor', () => {
  it('passes on a fresh set-up: nothing created, each enabled source host answers (a 404 still counts)', async () => {
    const report = await doctor(`[sources.opengood]\nurl = "${path.join(root, 'opengood.git')}"\n[sources.tosec]\nurl = "${serverUrl}/downloads"\n${disabled}`);
    const byName = Object.fromEntries(report.checks.map((c) => [c.name, c]));
    expect(report.ok).toBe(true);
    expect(byName['node']?.status).toBe('ok');
    expect(byName['data folder']).toMatchObject({ status: 'ok', detail: expect.stringContaining('not created yet') });
    expect(byName['database']?.detail).toContain('none yet');
    expect(byName['keyring']).toMatchObject({ status: 'warn', detail: expect.stringContaining('ROMMER_<SOURCE>_PASSWORD') });
    expect(byName['source opengood']?.status).toBe('ok');
    expect(byName['source tosec']).toMatchObject({ status: 'ok', detail: expect.stringContaining('HTTP 404') });
    expect(report.checks.map((c) => c.name)).not.toContain('source mame');
    expect(await fs.readdir(root)).toEqual(expect.not.arrayContaining(['data']));
    expect(formatDoctor(report).at(-1)).toBe('All checks passed.');
  });

  it('says how to fix a keyring whose keytar did not build', async () => {
    setKeyringBackend(new Error("keytar cannot be loaded (Cannot find package 'keytar' imported from /x/keyring.js)"));
    try {
      const report = await doctor(`[sources.opengood]\nurl = "${path.join(root, 'opengood.git')}"\n[sources.tosec]\nenabled = false\n${disabled}`);
      const keyring = report.checks.find((c) => c.name === 'keyring');
      expect(keyring?.status).toBe('warn');
      expect(keyring?.detail).toContain("Cannot find package 'keytar'");
      expect(keyring?.detail).toContain('to fix: install libsecret');
      expect(keyring?.detail).toContain('npm ci again');
    } finally {
      setKeyringBackend(new Error('no Secret Service in this test'));
    }
  });

  it('fails when a source host refuses connections or does not answer in time', async () => {
    const closed = await listen(() => undefined);
    const closedUrl = closed[1];
    await new Promise((r) => closed[0].close(r));
    const report = await doctor(
      `[defaults]\ngithub_api = "${silentUrl}"\n[sources.opengood]\nurl = "${path.join(root, 'missing.git')}"\n[sources.tosec]\nurl = "${closedUrl}/downloads"\n[sources.fbneo]\nenabled = true\n`,
      { timeoutMs: 300 },
    );
    const byName = Object.fromEntries(report.checks.map((c) => [c.name, c]));
    expect(report.ok).toBe(false);
    expect(byName['source tosec']).toMatchObject({ status: 'fail', detail: expect.stringMatching(/not reachable: .*refused/i) });
    expect(byName['source fbneo']).toMatchObject({ status: 'fail', detail: expect.stringContaining('no answer within 0.3 s') });
    expect(byName['source opengood']).toMatchObject({ status: 'fail', detail: expect.stringContaining('no such file or folder') });
    expect(formatDoctor(report).at(-1)).toMatch(/^\d checks failed\.$/);
  });

  it('never prints credentials embedded in a source URL, and still reaches the host', async () => {
    const withCredentials = serverUrl.replace('http://', 'http://user:hunter2@');
    const report = await doctor(`[sources.opengood]\nurl = "${path.join(root, 'opengood.git')}"\n[sources.tosec]\nurl = "${withCredentials}/downloads"\n${disabled}`);
    const byName = Object.fromEntries(report.checks.map((c) => [c.name, c]));
    expect(byName['source tosec']).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^127\.0\.0\.1:\d+ answered \(HTTP 404/) });
    const printed = [...formatDoctor(report), JSON.stringify(report)].join('\n');
    expect(printed).not.toContain('hunter2');
    // A host that cannot be reached names the URL without its password either.
    const unreachable = await doctor(`[sources.opengood]\nurl = "${path.join(root, 'opengood.git')}"\n[sources.tosec]\nurl = "http://user:hunter2@127.0.0.1:1/downloads"\n${disabled}`);
    expect(JSON.stringify(unreachable)).not.toContain('hunter2');
  });

  it('probes the mirror, not DAT-o-MATIC, when No-Intro has mode = "mirror"', async () => {
    const others = ['mame', 'redump', 'fbneo', 'libretro', 'opengood', 'tosec'].map((id) => `[sources.${id}]\nenabled = false\n`).join('');
    const report = await doctor(`[sources.no-intro]\nmode = "mirror"\nmirror_url = "${serverUrl}/pack.zip"\n${others}`);
    const check = report.checks.find((c) => c.name === 'source no-intro');
    expect(check).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^127\.0\.0\.1:\d+ answered/) });
    expect(JSON.stringify(report)).not.toContain('datomatic');
  });

  it('reports an invalid sources.conf as a failed check and skips the hosts', async () => {
    const report = await doctor('[defaults\n');
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.name === 'config')).toMatchObject({ status: 'fail', detail: expect.stringContaining('sources.conf') });
    expect(report.checks.some((c) => c.name.startsWith('source '))).toBe(false);
  });

  it('fails the database check on a corrupt catalogue (which an ok open and a listing would miss), and moves nothing', async () => {
    const file = path.join(root, 'data', 'rommer.db');
    const store = await openStore(file);
    const writer = store.beginDatImport({ source: 'tosec', path: 'tosec/a.dat', format: 'logiqx', header: {}, size: 1, sha1: 'a'.repeat(40) });
    for (let i = 0; i < 2000; i++) writer.addGame({ name: `game number ${i} with a long name`, roms: [{ name: `r${i}`, size: 1, crc: '1', md5: null, sha1: null, sha256: null, status: null, merge: null, serial: null }], disks: [] });
    await writer.commit();
    await store.close();
    const handle = await fs.open(file, 'r+');
    const { size } = await handle.stat();
    await handle.write(Buffer.alloc(8192, 0xa5), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
    await handle.close();
    const report = await doctor(`[sources.opengood]\nenabled = false\n[sources.tosec]\nurl = "${serverUrl}/downloads"\n${disabled}`);
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.name === 'database')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/damaged|integrity_check/) });
    expect((await fs.readdir(path.join(root, 'data'))).filter((f) => f.includes('broken'))).toEqual([]);
  });

  it('lists the versions held by the catalogue', async () => {
    const store = await openStore(path.join(root, 'data', 'rommer.db'));
    await store.ledger.set({ source: 'tosec', version: '2025-03-13', lastUpdated: 1_764_000_000, url: null, state: null, lastChecked: null });
    await store.close();
    const report = await doctor(`[sources.opengood]\nenabled = false\n[sources.tosec]\nurl = "${serverUrl}/downloads"\n${disabled}`);
    expect(report.ok).toBe(true);
    expect(report.checks.find((c) => c.name === 'database')?.detail).toMatch(/rommer\.db \(SQLite 3\.\d+\.\d+; schema (\d+) of \1: migrations current; 0 DATs catalogued\)$/);
    expect(report.held).toEqual([{ source: 'tosec', version: '2025-03-13', lastUpdated: new Date(1_764_000_000_000).toISOString() }]);
    expect(formatDoctor(report)).toContain(`  tosec: 2025-03-13 (updated ${new Date(1_764_000_000_000).toISOString()})`);
  });
});

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { mountRedump, mountTosec, startMirror, tosecPackFiles, zipFiles, type Mirror, type RedumpSite, type TosecSite } from '@rommer/mirror';
import { openStore } from '@rommer/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, createSandbox, jsonSummary, snapshotTree, type Sandbox, heldFiles, heldEntries } from './support/rommer-cli.js';

let mirror: Mirror;
let tosec: TosecSite;
let redump: RedumpSite;

beforeAll(async () => {
  mirror = await startMirror();
  tosec = mountTosec(mirror);
  redump = mountRedump(mirror);
});
afterAll(() => mirror.close());

async function catalogued(sandbox: Sandbox, source: string): Promise<string[]> {
  const store = await openStore(path.join(sandbox.dataDir, 'rommer.db'));
  try {
    return (await store.listDats({ source })).map((dat) => path.basename(dat.path)).sort();
  } finally {
    await store.close();
  }
}

/** Every JSON line of `--json` output. */
function events(stdout: string): { type: string; message?: string; source?: string }[] {
  return stdout
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { type: string });
}

describe.sequential('rommer update --source tosec against the tosecdev.org imitation', () => {
  let sandbox: Sandbox;
  let datsDir: string;
  beforeAll(async () => {
    sandbox = await createSandbox('rommer-e2e-tosec-');
    await sandbox.writeConfig(`[sources.tosec]\nurl = "${tosec.downloadsUrl}"\nimport_paths = ["TOSEC/Commodore Amiga*"]\n`);
    datsDir = path.join(sandbox.dataDir, 'dats', 'tosec');
  });
  afterAll(() => sandbox.cleanup());

  it('first run keeps the newest release whole under TOSEC-v<date>/ and imports nothing by default', async () => {
    mirror.clearRequests();
    const run = await sandbox.run(['update', '--source', 'tosec', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = jsonSummary(run.stdout).sources[0]!;
    expect(result).toMatchObject({ id: 'tosec', status: 'updated', version: '2025-03-13', previousVersion: null, files: 5 });
    expect(result.imported.dats).toBe(0);
    expect(result.transferredBytes).toBe((await tosec.packBytes('2025-03-13')).length);
    expect(await heldFiles(datsDir)).toEqual([
      'TOSEC-v2025-03-13/TOSEC-ISO/Cues/Disc (Café).cue',
      'TOSEC-v2025-03-13/TOSEC-ISO/Sony PlayStation - Games (TOSEC-v2025-03-13).dat',
      'TOSEC-v2025-03-13/TOSEC-PIX/Commodore Amiga - Magazines (TOSEC-v2025-03-13).dat',
      'TOSEC-v2025-03-13/TOSEC/Commodore Amiga - Demos - [ADF] (TOSEC-v2025-03-13).dat',
      'TOSEC-v2025-03-13/TOSEC/Commodore Amiga - Games - [ADF] (TOSEC-v2025-03-13).dat',
      'TOSEC-v2025-03-13/TOSEC/Sinclair ZX Spectrum - Games - [TAP] (TOSEC-v2025-03-13).dat',
    ]);
    // The badly encoded CUE name is read with a warning, never an abort.
    expect(events(run.stdout).some((e) => e.type === 'warning' && /not valid UTF-8/.test(e.message ?? ''))).toBe(true);
    // Hidden trap links are never followed.
    expect(mirror.requestsTo('/tosec/hpot')).toEqual([]);
    expect(mirror.requestsTo('/tosec/downloads/category/99-')).toEqual([]);
  });

  it('an unchanged release is up to date after two page reads, and nothing on disk changes', async () => {
    const before = await snapshotTree(datsDir);
    mirror.clearRequests();
    const run = await sandbox.run(['update', '--source', 'tosec']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('tosec: up to date');
    expect(mirror.requestsTo('/tosec/').map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /tosec/downloads',
      'GET /tosec/downloads/category/59-2025-03-13',
    ]);
    expect(await snapshotTree(datsDir)).toEqual(before);
  });

  it('a new release replaces the old one, and --import takes only what import_paths selects', async () => {
    tosec.addRelease('2025-11-20');
    const run = await sandbox.run(['update', '--source', 'tosec', '--import', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = jsonSummary(run.stdout).sources[0]!;
    expect(result).toMatchObject({ status: 'updated', version: '2025-11-20', previousVersion: '2025-03-13', files: 5 });
    expect(result.imported.dats).toBe(2);
    expect(await heldEntries(datsDir)).toEqual(['TOSEC-v2025-11-20']);
    expect(await catalogued(sandbox, 'tosec')).toEqual([
      'Commodore Amiga - Demos - [ADF] (TOSEC-v2025-11-20).dat',
      'Commodore Amiga - Games - [ADF] (TOSEC-v2025-11-20).dat',
    ]);
  });

  it('--from-file takes a pack downloaded by hand, without asking the site', async () => {
    const file = path.join(sandbox.root, 'TOSEC - DAT Pack - Complete (5) (TOSEC-v2026-01-31).zip');
    await fs.writeFile(file, await zipFiles(tosecPackFiles('2026-01-31')));
    mirror.clearRequests();
    const run = await sandbox.run(['update', '--source', 'tosec', '--from-file', file, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(jsonSummary(run.stdout).sources[0]).toMatchObject({ status: 'updated', version: '2026-01-31', previousVersion: '2025-11-20' });
    expect(mirror.requestsTo('/tosec/')).toEqual([]);
    expect(await heldEntries(datsDir)).toEqual(['TOSEC-v2026-01-31']);
  });

  it('a changed page layout fails with one line and keeps the release held', async () => {
    const before = await snapshotTree(datsDir);
    tosec.layout = 'changed';
    try {
      const run = await sandbox.run(['update', '--source', 'tosec', '--json']);
      expect(run.code).toBe(1);
      const result = jsonSummary(run.stdout).sources[0]!;
      expect(result.status).toBe('failed');
      expect(result.error).toBe(`TOSEC page layout changed: no release category found on ${tosec.downloadsUrl}`);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(await snapshotTree(datsDir)).toEqual(before);
    } finally {
      tosec.layout = 'normal';
    }
  });
});

describe.sequential('rommer update --source redump against the redump.info imitation', () => {
  let sandbox: Sandbox;
  let datsDir: string;
  const config = (extra = '') =>
    `[sources.redump]\nenabled = true\nurl = "${redump.url}"\nforum_url = "${redump.forumUrl}"\ndelay = 0\n${extra}`;
  beforeAll(async () => {
    sandbox = await createSandbox('rommer-e2e-redump-');
    await sandbox.writeConfig(config());
    datsDir = path.join(sandbox.dataDir, 'dats', 'redump');
  });
  afterAll(() => sandbox.cleanup());

  it('first run without an account takes the open systems and skips the gated one as "login required"', async () => {
    const run = await sandbox.run(['update', '--source', 'redump', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = jsonSummary(run.stdout).sources[0]!;
    expect(result).toMatchObject({ id: 'redump', status: 'updated', version: '2026-11-20 01-23-45', files: 3 });
    expect(result.imported.dats).toBe(3);
    expect(events(run.stdout).filter((e) => e.type === 'warning').map((e) => e.message)).toContain(
      'PS3 (Sony - PlayStation 3): skipped (login required)',
    );
    expect(run.stdout).not.toMatch(/corrupt|not a zip/i);
    expect((await heldEntries(datsDir)).sort()).toEqual([
      'Sega - Dreamcast - Datfile (2) (2026-11-19 08-30-12).dat',
      'Sega - Saturn - Datfile (2) (2026-11-18 10-00-00).dat',
      'Sony - PlayStation - Datfile (3) (2026-11-20 01-23-45).dat',
    ]);
  });

  it('an unchanged run only sends HEAD requests for the datfiles', async () => {
    const before = await snapshotTree(datsDir);
    mirror.clearRequests();
    const run = await sandbox.run(['update', '--source', 'redump']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('redump: up to date');
    const datfiles = mirror.requestsTo('/redump/datfile/');
    expect(datfiles.length).toBe(4);
    expect(datfiles.every((r) => r.method === 'HEAD')).toBe(true);
    expect(await snapshotTree(datsDir)).toEqual(before);
  });

  it('a wrong password is a failed login, named without the password, and keeps the DATs held', async () => {
    const before = await snapshotTree(datsDir);
    await sandbox.writeConfig(config(`username = "${redump.account.username}"\n`));
    const run = await sandbox.run(['update', '--source', 'redump', '--json'], { env: { ROMMER_REDUMP_PASSWORD: 'Wrong-Pa55word' } });
    expect(run.code).toBe(1);
    expect(jsonSummary(run.stdout).sources[0]!.error).toBe(
      'Redump forum login as "tester" failed: You have specified an incorrect password. Please check your password and try again. If you continue to have problems please contact the Board Administrator.',
    );
    expect(`${run.stdout}${run.stderr}`).not.toContain('Wrong-Pa55word');
    expect(await snapshotTree(datsDir)).toEqual(before);
  });

  it('with the right password (environment) it logs in and adds the gated system; the password never shows', async () => {
    mirror.clearRequests();
    const run = await sandbox.run(['update', '--source', 'redump', '--json'], {
      env: { ROMMER_REDUMP_PASSWORD: redump.account.password },
    });
    expect(run.code, run.stderr).toBe(0);
    const result = jsonSummary(run.stdout).sources[0]!;
    expect(result).toMatchObject({ status: 'updated', files: 4, changedFiles: 1 });
    expect(await heldEntries(datsDir)).toContain('Sony - PlayStation 3 - Datfile (2) (2026-11-21 12-00-00).dat');
    // Only the gated system was downloaded; the others were copied from the folder held.
    expect(mirror.requestsTo('/redump/datfile/').filter((r) => r.method === 'GET').map((r) => r.url)).toEqual(['/redump/datfile/PS3']);
    expect(`${run.stdout}${run.stderr}`).not.toContain(redump.account.password);
    // The forum login as a browser makes it: one POST, its 302 followed with a GET (the forum refuses a POST there).
    expect(mirror.requestsTo('/redump-forum/').map((r) => `${r.method} ${r.url} ${r.status}`)).toEqual([
      'GET /redump-forum/ucp.php?mode=login 200',
      'POST /redump-forum/ucp.php?mode=login 302',
      'GET /redump-forum/index.php 200',
    ]);
    expect(redump.refused).toEqual([]);
  });

  it('a changed downloads page fails with one line and keeps the DATs held', async () => {
    const before = await snapshotTree(datsDir);
    redump.layout = 'changed';
    try {
      const run = await sandbox.run(['update', '--source', 'redump', '--json'], { env: { ROMMER_REDUMP_PASSWORD: redump.account.password } });
      expect(run.code).toBe(1);
      expect(jsonSummary(run.stdout).sources[0]!.error).toBe(`Redump page layout changed: no /datfile/ links found on ${redump.url}/downloads/`);
      expect(await snapshotTree(datsDir)).toEqual(before);
    } finally {
      redump.layout = 'new';
    }
  });

  it('a password kept in sources.conf works, with a warning naming the file', async () => {
    await sandbox.writeConfig(config(`username = "${redump.account.username}"\npassword = "${redump.account.password}"\n`));
    await fs.chmod(sandbox.configFile, 0o644);
    const run = await sandbox.run(['update', '--source', 'redump', '--force', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const warnings = events(run.stdout)
      .filter((e) => e.type === 'warning')
      .map((e) => e.message ?? '');
    expect(warnings.some((w) => w.includes(`using the password stored in ${sandbox.configFile}`))).toBe(true);
    expect(warnings.some((w) => w.includes(`${sandbox.configFile} holds a password and other users can read it`))).toBe(true);
    expect(`${run.stdout}${run.stderr}`).not.toContain(redump.account.password);
    await sandbox.writeConfig(config(`username = "${redump.account.username}"\n`));
  });
});

function have(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const keyringTools = have('dbus-run-session') && have('gnome-keyring-daemon');
if (!keyringTools) console.warn('keyring e2e skipped: dbus-run-session or gnome-keyring-daemon is missing (apt: dbus gnome-keyring)');

describe.runIf(keyringTools)('rommer login redump with a real OS keyring (dbus-run-session + gnome-keyring)', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createSandbox('rommer-e2e-keyring-');
    await sandbox.writeConfig(
      `[sources.redump]\nenabled = true\nurl = "${redump.url}"\nforum_url = "${redump.forumUrl}"\ndelay = 0\nusername = "${redump.account.username}"\n`,
    );
    await fs.chmod(sandbox.configFile, 0o600);
    // gnome-keyring keeps its socket under $HOME/.cache and the keyring under $XDG_DATA_HOME: both must exist.
    await fs.mkdir(path.join(sandbox.env['HOME']!, '.cache'), { recursive: true });
    await fs.mkdir(sandbox.env['XDG_DATA_HOME']!, { recursive: true });
  });
  afterAll(() => sandbox.cleanup());

  it('stores the password with login, uses it for the gated system, and removes it with logout', async () => {
    const cli = (args: string) => `"${process.execPath}" "${cliPath}" ${args} --config "${sandbox.configFile}" --data-dir "${sandbox.dataDir}"`;
    // One private D-Bus session: an unlocked keyring in the sandbox's home, then the commands in order.
    const script = [
      'echo keyring-unlock | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1',
      `printf '%s\\n' "$REDUMP_TEST_PASSWORD" | ${cli('login redump')}; echo "login-exit=$?"`,
      `${cli('update --source redump --json')}; echo "update-exit=$?"`,
      `${cli('logout redump')}; echo "logout-exit=$?"`,
      `${cli('update --source redump --force --json')}; echo "update2-exit=$?"`,
    ].join('\n');
    const output = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
      const child = spawn('dbus-run-session', ['--', 'sh', '-c', script], {
        env: { ...sandbox.env, REDUMP_TEST_PASSWORD: redump.account.password },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      child.on('close', () => resolve({ stdout, stderr }));
    });
    const text = `${output.stdout}\n${output.stderr}`;
    expect(output.stdout, text).toContain(`Stored the redump password for "tester" in the OS keyring (service rommer, account redump:tester).`);
    expect(output.stdout, text).toContain('login-exit=0');
    expect(output.stdout, text).toContain('update-exit=0');
    const lines = output.stdout.split('\n');
    const firstSummary = lines.find((l) => l.startsWith('{"type":"summary"'));
    expect(JSON.parse(firstSummary!).sources[0]).toMatchObject({ status: 'updated', files: 4 });
    expect(output.stdout).toContain('Removed the redump password for "tester" from the OS keyring.');
    // Without the stored password, the gated system is skipped again (the held DAT is kept).
    expect(output.stdout).toMatch(/PS3 \(Sony - PlayStation 3\): login required; kept the DAT held/);
    expect(text).not.toContain(redump.account.password);
  });
});

// Issue 18's done-when: one PostgreSQL catalogue shared by several data folders ("machines").
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';
import { createOpengoodRemote, fixturesDir, type GitRemote } from '@rommer/mirror';
import { createDatabase, startPostgres, type PostgresServer } from '@rommer/test-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, expectedCounts, jsonSummary, type Sandbox } from './support/rommer-cli.js';

/** The little of better-sqlite3 this test uses to look into a data folder's file. */
interface LocalDb {
  prepare(sql: string): { get(): unknown };
  close(): void;
}

let server: PostgresServer;
let remote: GitRemote;
const sandboxes: Sandbox[] = [];

async function sandbox(url: string | null, config = ''): Promise<Sandbox> {
  const box = await createSandbox('rommer-e2e-shared-');
  sandboxes.push(box);
  await box.writeConfig(config);
  if (url !== null) box.env['ROMMER_DATABASE_URL'] = url;
  return box;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

type Listed = { path: string; games: number; roms: number; disks: number; sha1: string };
const counts = (rows: Listed[]) => rows.map(({ path: p, games, roms, disks, sha1 }) => ({ path: p, games, roms, disks, sha1 }));

beforeAll(async () => {
  server = await startPostgres();
  const box = await createSandbox('rommer-e2e-shared-remote-');
  sandboxes.push(box);
  remote = await createOpengoodRemote(path.join(box.root, 'remote'));
});
afterAll(async () => {
  await Promise.all(sandboxes.map((box) => box.cleanup()));
  await server?.stop();
});

describe('a catalogue on PostgreSQL', () => {
  it('import + dats give the same counts as SQLite; the rows are in PostgreSQL; another data folder sees them', async () => {
    const dats = path.join(fixturesDir, 'opengood');
    const local = await sandbox(null);
    const sqliteImport = await local.run(['import', dats, '--json']);
    expect(sqliteImport.code).toBe(0);
    const sqlite = JSON.parse((await local.run(['dats', '--json'])).stdout) as Listed[];
    expect(sqlite.length).toBeGreaterThan(40);

    const url = await createDatabase(server.adminUrl, 'e2e');
    const machineA = await sandbox(url);
    const pgImport = await machineA.run(['import', dats, '--json']);
    expect(pgImport.stderr).toBe('');
    expect(pgImport.code).toBe(0);
    expect(JSON.parse(pgImport.stdout)).toMatchObject({ imported: sqlite.length, failed: 0 });
    const listed = JSON.parse((await machineA.run(['dats', '--json'])).stdout) as Listed[];
    expect(counts(listed)).toEqual(counts(sqlite));
    // The change sets are in the shared catalogue too: one "imported" per DAT.
    const changes = await machineA.run(['changes', '--json']);
    expect(changes.code).toBe(0);
    expect((JSON.parse(changes.stdout) as { kind: string }[]).filter((set) => set.kind === 'imported')).toHaveLength(sqlite.length);
    const [rows] = await query<{ dats: number; roms: number }>(url, 'SELECT (SELECT count(*)::int FROM dat) AS dats, (SELECT count(*)::int FROM rom) AS roms');
    expect(rows).toEqual({ dats: sqlite.length, roms: sqlite.reduce((sum, dat) => sum + dat.roms, 0) });

    // A second machine: another data folder, the database named in its sources.conf this time.
    const machineB = await sandbox(null, `[defaults]\ndatabase_url = "${url}"\n`);
    expect(counts(JSON.parse((await machineB.run(['dats', '--json'])).stdout) as Listed[])).toEqual(counts(sqlite));
    // Importing the same files there changes nothing.
    const again = await machineB.run(['import', dats, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, unchanged: sqlite.length, failed: 0 });

    // doctor names the engine, the server version and the schema state, never a password.
    const doctor = await machineB.run(['doctor', '--json'], { env: { ROMMER_DATABASE_URL: url.replace('rommer@', 'rommer:s3cret@') } });
    const database = (JSON.parse(doctor.stdout) as { checks: { name: string; status: string; detail: string }[] }).checks.find((c) => c.name === 'database');
    expect(database?.status).toBe('ok');
    expect(database?.detail).toMatch(/^postgresql:\/\/rommer:\*\*\*@127\.0\.0\.1:\d+\/e2e_[0-9a-f]+ \(PostgreSQL \d+\.\d+.*; schema \d+ of \d+: migrations current; \d+ DATs catalogued\)$/);
    expect(doctor.stdout + doctor.stderr).not.toContain('s3cret');

    // db migrate-to copies the SQLite catalogue into an empty database.
    const copyUrl = await createDatabase(server.adminUrl, 'copy');
    const migrate = await local.run(['db', 'migrate-to', copyUrl, '--json', '--data-dir', local.dataDir, '--config', local.configFile]);
    expect(JSON.parse(migrate.stdout)).toMatchObject({ changeSets: sqlite.length });
    expect(migrate.stderr).toBe('');
    expect(migrate.code).toBe(0);
    const viaCopy = await sandbox(copyUrl);
    expect(counts(JSON.parse((await viaCopy.run(['dats', '--json'])).stdout) as Listed[])).toEqual(counts(sqlite));
    // The change sets came along: one "imported" per DAT, with its games.
    const [history] = await query<{ sets: number; games: number }>(
      copyUrl,
      `SELECT (SELECT count(*)::int FROM change_set WHERE kind = 'imported') AS sets, (SELECT count(*)::int FROM change_game) AS games`,
    );
    expect(history?.sets).toBe(sqlite.length);
    expect(history?.games).toBeGreaterThan(0);
  });

  it('scan, report and fixdat identify files against the shared catalogue; each machine keeps its own hash cache', async () => {
    const url = await createDatabase(server.adminUrl, 'e2e');
    const files = await sandbox(null);
    const have = randomBytes(2048);
    const gone = randomBytes(2048);
    const rom = (name: string, data: Buffer) =>
      `<rom name="${name}" size="${data.length}" crc="${crc32(data).toString(16).padStart(8, '0')}" sha1="${createHash('sha1').update(data).digest('hex')}"/>`;
    const dats = path.join(files.root, 'dats');
    const roms = path.join(files.root, 'roms');
    await fs.mkdir(dats);
    await fs.mkdir(roms);
    await fs.writeFile(
      path.join(dats, 'Shared.dat'),
      `<?xml version="1.0"?>\n<datafile><header><name>Shared Set</name><version>v1</version></header>\n` +
        `<game name="Have"><description>Have</description>${rom('have.bin', have)}</game>\n` +
        `<game name="Gone"><description>Gone</description>${rom('gone.bin', gone)}</game>\n</datafile>\n`,
    );
    await fs.writeFile(path.join(roms, 'found.bin'), have);
    await fs.writeFile(path.join(roms, 'other.bin'), randomBytes(100));

    // Machine A names the database in its sources.conf (scan once read only ROMMER_DATABASE_URL).
    const machineA = await sandbox(null, `[defaults]\ndatabase_url = "${url}"\n`);
    expect((await machineA.run(['import', dats, '--json'])).code).toBe(0);
    const scan = await machineA.run(['scan', roms, '--json']);
    expect(scan.stderr).toBe('');
    expect(scan.code).toBe(0);
    const lines = scan.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.at(-1)).toMatchObject({ type: 'summary', files: 2, matched: 1, unknown: 1, dats: [{ name: 'Shared Set', have: 1, missing: 1, total: 2 }] });
    const report = await machineA.run(['report', '--missing', '--csv']);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout.trim().split('\n')[1]).toMatch(/^Shared Set,.*Shared\.dat,,v1,Gone,missing,0,1,gone\.bin$/);
    const out = path.join(files.root, 'fix.dat');
    const fixdat = await machineA.run(['fixdat', '--dat', 'Shared Set', '--output', out]);
    expect(fixdat.code, fixdat.stderr).toBe(0);
    expect(await fs.readFile(out, 'utf8')).toContain('<game name="Gone">');

    // The hashes name machine A's paths: they are in its data folder, not in the shared database.
    const [cache] = await query<{ files: number; runs: number }>(url, 'SELECT (SELECT count(*)::int FROM scan_file) AS files, (SELECT count(*)::int FROM scan_run) AS runs');
    expect(cache).toEqual({ files: 0, runs: 0 });
    const local = new (createRequire(import.meta.url)('better-sqlite3') as new (file: string, options: object) => LocalDb)(
      path.join(machineA.dataDir, 'rommer.db'),
      { readonly: true },
    );
    try {
      expect(local.prepare('SELECT count(*) AS n FROM scan_file').get()).toEqual({ n: 2 });
      expect(local.prepare('SELECT count(*) AS n FROM dat').get()).toEqual({ n: 0 });
    } finally {
      local.close();
    }
    // Machine B shares the catalogue but has scanned nothing itself.
    const machineB = await sandbox(url);
    const none = await machineB.run(['report']);
    expect(none.code).toBe(2);
    expect(none.stderr.trim()).toMatch(/^rommer: no scan on this machine yet \(its hashes are kept in .*rommer\.db\): run rommer scan PATH first$/);
  });

  it('two simultaneous update --import runs from two data folders both exit 0 and leave each DAT once', async () => {
    const url = await createDatabase(server.adminUrl, 'e2e');
    const config = `[sources.opengood]\nurl = "${remote.url}"\n`;
    const [one, two] = await Promise.all([sandbox(url, config), sandbox(url, config)]);
    const runs = await Promise.all([one, two].map((box) => box.run(['update', '--source', 'opengood', '--import', '--json'])));
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
    const expected = await expectedCounts();
    const rows = await query<{ path: string; games: number; copies: number; stored: number }>(
      url,
      `SELECT d.path, min(d.game_count) AS games, count(DISTINCT d.id)::int AS copies, count(g.id)::int AS stored
       FROM dat d LEFT JOIN game g ON g.dat_id = d.id GROUP BY d.path ORDER BY d.path`,
    );
    expect(rows).toHaveLength(42);
    for (const row of rows) {
      const want = expected[`opengood/${path.basename(row.path)}`];
      expect({ path: row.path, copies: row.copies, games: row.games, stored: row.stored }).toEqual({
        path: row.path,
        copies: 1,
        games: want!.games,
        stored: want!.games,
      });
    }
    // Each machine's ledger stays in its own data folder.
    for (const box of [one, two]) {
      const listed = await box.run(['update', '--source', 'opengood', '--import', '--json']);
      expect(listed.code).toBe(0);
      expect(jsonSummary(listed.stdout).sources[0]?.status).toBe('up-to-date');
    }
  });
});

// A real PostgreSQL server for tests: a fresh cluster in a temp folder, listening on 127.0.0.1 on a
// free port, trust authentication for one superuser, removed on stop(). Uses the server binaries of
// Debian's `postgresql` package (or any initdb/pg_ctl on PATH). As root the cluster runs as the
// `postgres` user, because the server refuses to run as root.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const SUPERUSER = 'rommer';

export interface PostgresServer {
  /** `postgresql://rommer@127.0.0.1:PORT/postgres` (no password: trust authentication). */
  readonly adminUrl: string;
  readonly port: number;
  /** The server's major version, e.g. "15". */
  readonly version: string;
  /** Stops the server (fast shutdown) and removes its folder. */
  stop(): Promise<void>;
}

/** The folder holding initdb and pg_ctl: the newest /usr/lib/postgresql/N/bin, else PATH. */
export function findServerBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((name) => /^\d+$/.test(name) && existsSync(path.join(root, name, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0] !== undefined) return path.join(root, versions[0], 'bin');
  }
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (dir !== '' && existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const quote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/** Runs a server binary, as `postgres` when this process is root. */
async function runAsServerUser(binary: string, args: string[]): Promise<void> {
  if (process.getuid?.() === 0) {
    await run('su', ['postgres', '-s', '/bin/sh', '-c', [binary, ...args].map(quote).join(' ')]);
  } else {
    await run(binary, args);
  }
}

async function postgresUid(): Promise<{ uid: number; gid: number }> {
  const passwd = await readFile('/etc/passwd', 'utf8');
  const line = passwd.split('\n').find((entry) => entry.startsWith('postgres:'));
  if (line === undefined) throw new Error('running as root, but there is no postgres user to run the server as (apt-get install postgresql)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Starts a throw-away server (about 2 s). Throws, never skips, when no server is installed. */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = findServerBinaries();
  if (bin === undefined) {
    throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found: install them (apt-get install postgresql)');
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rommer-pg-'));
  if (process.getuid?.() === 0) {
    const { uid, gid } = await postgresUid();
    await chown(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  try {
    await runAsServerUser(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', SUPERUSER, '-E', 'UTF8', '--locale=C', '--no-sync']);
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      // fsync off: a test cluster never has to survive a power cut.
      const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      try {
        await runAsServerUser(path.join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', log, '-w', '-t', '60', 'start']);
        break;
      } catch (error) {
        // Another process may have taken the port between the probe and the start.
        if (attempt >= 3) throw error;
      }
    }
    const version = path.basename(path.dirname(bin));
    return {
      adminUrl: `postgresql://${SUPERUSER}@127.0.0.1:${port}/postgres`,
      port,
      version,
      async stop() {
        await runAsServerUser(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    const serverLog = await readFile(log, 'utf8').catch(() => '');
    await runAsServerUser(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot start a test PostgreSQL server: ${detail}${serverLog === '' ? '' : `\n${serverLog.trim()}`}`, { cause: error });
  }
}

import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { fixturesDir } from '../fixtures.js';

const run = promisify(execFile);

/** Commits need an identity; a fresh CI machine has none. */
const identity = ['-c', 'user.name=rommer mirror', '-c', 'user.email=mirror@rommer.invalid', '-c', 'commit.gpgsign=false'];

export interface GitRemote {
  /** file:// URL of the repository, as `[sources.opengood] url`. */
  url: string;
  dir: string;
  /** Writes (or, with null, deletes) files and commits them; returns the new HEAD. */
  commit(message: string, changes: Record<string, Buffer | string | null>): Promise<string>;
  head(): Promise<string>;
}

async function git(dir: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', [...identity, ...args], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

export async function createGitRemote(dir: string): Promise<GitRemote> {
  await fs.mkdir(dir, { recursive: true });
  await git(dir, 'init', '-q', '-b', 'master');
  const remote: GitRemote = {
    url: pathToFileURL(dir).href,
    dir,
    async commit(message, changes) {
      for (const [file, content] of Object.entries(changes)) {
        const target = path.join(dir, file);
        if (content === null) {
          await fs.rm(target, { force: true });
        } else {
          await fs.mkdir(path.dirname(target), { recursive: true });
          await fs.writeFile(target, content);
        }
      }
      await git(dir, 'add', '-A');
      await git(dir, 'commit', '-q', '--allow-empty', '-m', message);
      return remote.head();
    },
    head: () => git(dir, 'rev-parse', 'HEAD'),
  };
  return remote;
}

/**
 * An imitation of SnowflakePowered/opengood: the fixture DATs under `dats/`, in two commits
 * (the last DAT arrives in the second) so history exists and updates can be observed.
 */
export async function createOpengoodRemote(dir: string): Promise<GitRemote> {
  const remote = await createGitRemote(dir);
  const source = path.join(fixturesDir, 'opengood');
  const names = (await fs.readdir(source)).filter((n) => n.endsWith('.dat')).sort();
  const files: Record<string, Buffer> = {};
  for (const name of names) files[`dats/${name}`] = await fs.readFile(path.join(source, name));
  const last = `dats/${names.at(-1)}`;
  const first = Object.fromEntries(Object.entries(files).filter(([file]) => file !== last));
  await remote.commit('Initial DATs', {
    ...first,
    'README.md': '# OpenGood (rommer mirror)\n',
    'LICENSE.md': 'CC0 1.0 Universal\n',
  });
  await remote.commit(`Add ${path.basename(last)}`, { [last]: files[last]! });
  return remote;
}

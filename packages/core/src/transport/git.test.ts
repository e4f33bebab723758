import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NetworkError } from '../errors.js';
import { gitRemoteHead, syncShallowClone, toGitUrl } from './git.js';

const run = promisify(execFile);
const identity = ['-c', 'user.name=test', '-c', 'user.email=test@rommer.invalid', '-c', 'commit.gpgsign=false'];

let root: string;
let remote: string;

async function commit(file: string, text: string): Promise<string> {
  await fs.writeFile(path.join(remote, file), text);
  await run('git', [...identity, 'add', '-A'], { cwd: remote });
  await run('git', [...identity, 'commit', '-q', '-m', `write ${file}`], { cwd: remote });
  return (await run('git', ['rev-parse', 'HEAD'], { cwd: remote })).stdout.trim();
}

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'rommer-git-'));
  remote = path.join(root, 'remote');
  await fs.mkdir(remote);
  await run('git', ['init', '-q', '-b', 'master'], { cwd: remote });
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('git transport', () => {
  it('turns local paths into file URLs and leaves URLs alone', () => {
    expect(toGitUrl('/srv/repo')).toBe('file:///srv/repo');
    expect(toGitUrl('https://github.com/a/b.git')).toBe('https://github.com/a/b.git');
    expect(toGitUrl('git@github.com:a/b.git')).toBe('git@github.com:a/b.git');
  });

  it('reads the remote HEAD, clones shallow, then fetches and resets to a new commit', async () => {
    const first = await commit('a.dat', 'one');
    await commit('b.dat', 'two');
    const head = await gitRemoteHead(remote, undefined);
    const clone = path.join(root, 'clone');
    expect(await syncShallowClone(remote, clone, undefined)).toBe(head);
    expect(head).not.toBe(first);
    // Shallow: only one commit of history came over.
    const count = (await run('git', ['rev-list', '--count', 'HEAD'], { cwd: clone })).stdout.trim();
    expect(count).toBe('1');

    await fs.writeFile(path.join(clone, 'stray.txt'), 'left by a killed run');
    const next = await commit('a.dat', 'one, revised');
    expect(await gitRemoteHead(remote, 'master')).toBe(next);
    expect(await syncShallowClone(remote, clone, 'master')).toBe(next);
    expect(await fs.readFile(path.join(clone, 'a.dat'), 'utf8')).toBe('one, revised');
    await expect(fs.stat(path.join(clone, 'stray.txt'))).rejects.toThrow();
  });

  it('replaces a corrupt clone with a fresh one', async () => {
    const head = await commit('a.dat', 'one');
    const clone = path.join(root, 'clone');
    await syncShallowClone(remote, clone, undefined);
    await fs.rm(path.join(clone, '.git', 'objects'), { recursive: true });
    expect(await syncShallowClone(remote, clone, undefined)).toBe(head);
  });

  it('fails an unreachable remote with a one-line NetworkError', async () => {
    const missing = path.join(root, 'nowhere');
    const error = await gitRemoteHead(missing, undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/^git ls-remote .*nowhere: /);
    expect((error as Error).message).not.toContain('\n');
    const clone = await syncShallowClone(missing, path.join(root, 'c'), undefined).catch((e: unknown) => e);
    expect(clone).toBeInstanceOf(NetworkError);
    await expect(fs.stat(path.join(root, 'c'))).rejects.toThrow();
  });
});

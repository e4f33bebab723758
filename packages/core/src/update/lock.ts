import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LockHeldError } from '../errors.js';

interface LockInfo {
  pid: number;
  host: string | undefined;
  startedAt: string | undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readLock(file: string): Promise<LockInfo | undefined> {
  try {
    const info = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<LockInfo>;
    return typeof info.pid === 'number' ? { pid: info.pid, host: info.host, startedAt: info.startedAt } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the data folder's update lock (a file created with O_EXCL holding pid, host and start
 * time). A lock left by a dead process on this host is taken over; a live one is a LockHeldError.
 * Returns the release function.
 */
export async function acquireUpdateLock(lockFile: string): Promise<() => Promise<void>> {
  await fs.mkdir(path.dirname(lockFile), { recursive: true });
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await fs.writeFile(lockFile, JSON.stringify(mine), { flag: 'wx' });
      return async () => {
        const current = await readLock(lockFile);
        if (current?.pid === mine.pid && current.startedAt === mine.startedAt) await fs.rm(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readLock(lockFile);
    if (holder !== undefined && ((holder.host !== undefined && holder.host !== mine.host) || alive(holder.pid))) {
      // A lock written by another tool or an older rommer may lack fields: say only what it holds.
      const host = typeof holder.host === 'string' ? ` on ${holder.host}` : '';
      const since = typeof holder.startedAt === 'string' ? `, since ${holder.startedAt}` : '';
      throw new LockHeldError(
        `another rommer update (pid ${holder.pid}${host}${since}) is using ${path.dirname(lockFile)}; ` +
          `wait for it to finish, or delete ${lockFile} if that process is gone`,
      );
    }
    // Stale (dead process) or unreadable (killed while writing it): take it over.
    await fs.rm(lockFile, { force: true });
  }
  throw new LockHeldError(`could not take the update lock ${lockFile}`);
}

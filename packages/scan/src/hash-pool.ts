// Loose files are hashed on worker threads, one file per worker at a time, so several files are
// hashed at once where cores are free; the main thread meanwhile walks, matches and records.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileDigest, HashOptions } from './content-hasher.mjs';

interface Job {
  id: number;
  path: string;
  options: HashOptions;
  onBytes: ((bytes: number) => void) | undefined;
  resolve: (digest: FileDigest) => void;
  reject: (error: Error) => void;
}

type WorkerMessage =
  | { id: number; bytes: number }
  | { id: number; digest: FileDigest }
  | { id: number; error: { message: string; code?: string } };

/** A hashing error from a worker, keeping the file system's code (ENOENT, EACCES…). */
export class HashFileError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export interface HashPool {
  readonly size: number;
  hash(path: string, options: HashOptions, onBytes?: (bytes: number) => void): Promise<FileDigest>;
  /** Stops the workers; jobs still queued or running are rejected. */
  close(): Promise<void>;
}

/** One worker per core, at most four: hashing is CPU-bound, and more would fight over the disk. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export function createHashPool(size = defaultPoolSize()): HashPool {
  const workerUrl = new URL('./hash-worker.mjs', import.meta.url);
  const queue: Job[] = [];
  const idle: Worker[] = [];
  const running = new Map<Worker, Job>();
  const workers: Worker[] = [];
  let nextId = 1;
  let closed = false;

  const dispatch = (): void => {
    while (queue.length > 0 && idle.length > 0) {
      const worker = idle.pop()!;
      const job = queue.shift()!;
      running.set(worker, job);
      worker.postMessage({ id: job.id, path: job.path, options: job.options });
    }
  };
  const spawn = (): void => {
    const worker = new Worker(workerUrl);
    worker.on('message', (message: WorkerMessage) => {
      const job = running.get(worker);
      if (job === undefined || job.id !== message.id) return;
      if ('bytes' in message) return job.onBytes?.(message.bytes);
      running.delete(worker);
      idle.push(worker);
      if ('digest' in message) job.resolve(message.digest);
      else job.reject(new HashFileError(message.error.message, message.error.code));
      dispatch();
    });
    worker.on('error', (error) => {
      const job = running.get(worker);
      running.delete(worker);
      job?.reject(error);
    });
    workers.push(worker);
    idle.push(worker);
  };

  return {
    size,
    hash(path, options, onBytes) {
      if (closed) return Promise.reject(new Error('the hash pool is closed'));
      if (workers.length < size && idle.length === 0) spawn();
      return new Promise<FileDigest>((resolve, reject) => {
        queue.push({ id: nextId++, path, options, onBytes, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      const stopped = new Error('the hash pool was closed');
      for (const job of queue.splice(0)) job.reject(stopped);
      for (const job of running.values()) job.reject(stopped);
      running.clear();
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

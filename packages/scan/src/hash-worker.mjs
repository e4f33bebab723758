// A hash worker: hashes the files the pool sends, one at a time, and reports bytes as it goes.
import { parentPort } from 'node:worker_threads';
import { hashFile } from './content-hasher.mjs';

parentPort.on('message', async ({ id, path, options }) => {
  try {
    const digest = await hashFile(path, { ...options, onBytes: (bytes) => parentPort.postMessage({ id, bytes }) });
    parentPort.postMessage({ id, digest });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: error?.message ?? String(error), code: error?.code } });
  }
});

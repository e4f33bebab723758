import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface SevenZipMount {
  /** Host folder. */
  dir: string;
  /** Where it appears inside 7-Zip's file system (e.g. '/in'). */
  at: string;
}

export interface SevenZipRunOptions {
  mounts: SevenZipMount[];
  /** Files to create in 7-Zip's in-memory file system before running (e.g. a list file). */
  files?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /** Each line 7-Zip prints to stdout, as it prints it. */
  onLine?: (line: string) => void;
}

export interface SevenZipRunResult {
  exitCode: number;
  stdout: string[];
  stderr: string[];
}

// The worker body is plain CommonJS evaluated by Node, so it runs the same from the TypeScript
// sources (tests) and from dist. It loads 7z-wasm's UMD build by absolute path.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  try {
    const SevenZip = require(workerData.modulePath);
    const module = await SevenZip({
      print: (line) => parentPort.postMessage({ type: 'out', line }),
      printErr: (line) => parentPort.postMessage({ type: 'err', line }),
    });
    for (const { dir, at } of workerData.mounts) {
      module.FS.mkdir(at);
      module.FS.mount(module.NODEFS, { root: dir }, at);
    }
    for (const [path, text] of Object.entries(workerData.files)) module.FS.writeFile(path, text);
    let exitCode;
    try {
      exitCode = module.callMain(workerData.args);
    } catch (error) {
      // A failing run may throw its exit status (a bare number) instead of returning it.
      if (typeof error === 'number') exitCode = error;
      else if (error && typeof error.status === 'number') exitCode = error.status;
      else throw error;
    }
    parentPort.postMessage({ type: 'done', exitCode: typeof exitCode === 'number' ? exitCode : 0 });
  } catch (error) {
    parentPort.postMessage({ type: 'fail', message: String((error && error.message) || error) });
  }
})();
`;

type WorkerMessage =
  | { type: 'out'; line: string }
  | { type: 'err'; line: string }
  | { type: 'done'; exitCode: number }
  | { type: 'fail'; message: string };

let modulePath: string | undefined;

/**
 * Runs 7-Zip (7z-wasm) with the given arguments in a worker thread: the event loop stays free
 * for progress and the UI, and an abort can stop it at once (a WASM call cannot be interrupted
 * otherwise). A fresh instance per run: 7-Zip's main is not meant to be called twice.
 */
export function runSevenZip(args: string[], options: SevenZipRunOptions): Promise<SevenZipRunResult> {
  modulePath ??= createRequire(import.meta.url).resolve('7z-wasm');
  const { signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { modulePath, args, mounts: options.mounts, files: options.files ?? {} },
    });
    const stdout: string[] = [];
    const stderr: string[] = [];
    let settled = false;
    // Settle only once the worker is gone, so a cancelled run cannot write after its staging
    // folder was removed.
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      worker.terminate().then(action, action);
    };
    const onAbort = () => finish(() => reject(signal?.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'out') {
        stdout.push(message.line);
        options.onLine?.(message.line);
      } else if (message.type === 'err') {
        stderr.push(message.line);
      } else if (message.type === 'done') {
        finish(() => resolve({ exitCode: message.exitCode, stdout, stderr }));
      } else {
        finish(() => reject(new Error(message.message)));
      }
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`7-Zip worker exited early (code ${code})`))));
  });
}

/** The most telling error line 7-Zip printed, as [cause, entry?]. */
export function sevenZipFailure(result: SevenZipRunResult): { cause: string; entry?: string } {
  const lines = result.stderr.map((line) => line.trim()).filter((line) => line !== '');
  for (const line of lines) {
    const match = /^ERROR: (.+?) : (.+)$/.exec(line);
    if (match && !match[2]!.startsWith('/')) return { cause: match[1]!, entry: match[2]! };
  }
  // e.g. "Open ERROR: Cannot open the file as [7z] archive", then "Unexpected end of archive"
  const telling = lines.filter((line) => !/^ERROR: \//.test(line) && !line.startsWith('/') && line !== 'ERRORS:');
  // Known 7-Zip exit codes are small; anything else is a C++ exception that escaped the WASM
  // build as a bare number, with nothing printed.
  const fallback = result.exitCode > 255 ? '7-Zip stopped on an internal error' : `7-Zip exited with code ${result.exitCode}`;
  const cause = telling.join('; ') || fallback;
  return { cause };
}

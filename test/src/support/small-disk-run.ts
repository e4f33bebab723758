import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { cliPath, type CliResult, type Sandbox } from './rommer-cli.js';

/**
 * Real full and read-only disks without root: `unshare -rm` gives rommer its own user and mount
 * namespace, where parts of the data folder are replaced by a size-limited tmpfs or a read-only
 * bind mount. rommer meets ENOSPC and EROFS exactly as on such a disk. (RLIMIT_FSIZE is no
 * stand-in: Ink's signal-exit traps SIGXFSZ and re-raises it, so rommer dies instead of seeing EFBIG.)
 */
export function smallDiskAvailable(): boolean {
  const probe = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs /mnt 2>/dev/null || mount -t tmpfs -o size=1m tmpfs /tmp'], {
    stdio: 'ignore',
  });
  return probe.status === 0;
}

const quote = (part: string) => `'${part.replace(/'/g, `'\\''`)}'`;

/** Runs rommer after `setup` (shell lines, `set -e`) in a fresh namespace; `after` runs once it exits. */
function runInNamespace(sandbox: Sandbox, args: string[], setup: string[], after: string[] = []): Promise<CliResult> {
  const command = [process.execPath, cliPath, ...args, '--config', sandbox.configFile, '--data-dir', sandbox.dataDir].map(quote).join(' ');
  const script = ['set -e', ...setup, 'status=0', `${command} || status=$?`, ...after, 'exit $status'].join('\n');
  const child = spawn('unshare', ['-rm', 'sh', '-c', script], { env: sandbox.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/**
 * `<data>/dats` becomes a tmpfs of `sizeBytes` holding bind mounts of each source's real folder:
 * downloads and extraction land in `.staging` on the tmpfs and fail with ENOSPC, while the DATs
 * held stay the real ones (a commit across the two would be a cross-device rename, so use this
 * only where the faulty source cannot commit).
 */
export function runWithSmallStagingDisk(sandbox: Sandbox, args: string[], sizeBytes: number): Promise<CliResult> {
  const dats = quote(path.join(sandbox.dataDir, 'dats'));
  return runInNamespace(sandbox, args, [
    `small=$(mktemp -d)`,
    `mount -t tmpfs -o size=${sizeBytes} tmpfs "$small"`,
    `for held in ${dats}/*/; do name=$(basename "$held"); mkdir "$small/$name"; mount --bind "$held" "$small/$name"; done`,
    `mount --rbind "$small" ${dats}`,
  ]);
}

/**
 * The whole data folder moves to a tmpfs with `freeBytes` left over, so whatever rommer writes
 * (staging, DAT folders, catalogue and its WAL) meets ENOSPC once that is used up. Afterwards the
 * data folder is replaced by what rommer left on the full disk, for the caller to inspect.
 */
export function runWithFullDataDisk(sandbox: Sandbox, args: string[], freeBytes: number): Promise<CliResult> {
  const data = quote(sandbox.dataDir);
  return runInNamespace(
    sandbox,
    args,
    [
      `small=$(mktemp -d)`,
      // du -B4096 rounds each file to tmpfs's page size; 1 MiB more for directories.
      `used=$(( $(du -s -B4096 ${data} | cut -f1) * 4096 + 1048576 ))`,
      `mount -t tmpfs -o size=$(( used + ${freeBytes} )) tmpfs "$small"`,
      `cp -a ${data}/. "$small"/`,
      `mount --bind "$small" ${data}`,
    ],
    [`umount ${data}`, `find ${data} -mindepth 1 -delete`, `cp -a "$small"/. ${data}/`],
  );
}

/** The data folder is mounted read-only (EROFS on every write, root or not). */
export function runWithReadOnlyData(sandbox: Sandbox, args: string[]): Promise<CliResult> {
  const data = quote(sandbox.dataDir);
  return runInNamespace(sandbox, args, [`mount --bind ${data} ${data}`, `mount -o remount,bind,ro ${data}`]);
}

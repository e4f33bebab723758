import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { cliPath, type CliResult, type Sandbox } from './rommer-cli.js';

/**
 * A real full disk without root: `unshare -rm` gives rommer its own user and mount namespace,
 * where `<data>/dats` is replaced by a size-limited tmpfs holding bind mounts of each source's
 * real folder. Downloads and extraction land in `.staging` on the tmpfs and fail with ENOSPC
 * exactly as on a full disk, while the DATs held stay the real ones (a commit across the two
 * would be a cross-device rename, so use this only where the faulty source cannot commit). (RLIMIT_FSIZE is no stand-in:
 * Ink's signal-exit traps SIGXFSZ and re-raises it, so rommer dies instead of seeing EFBIG.)
 */
export function smallDiskAvailable(): boolean {
  const probe = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs /mnt 2>/dev/null || mount -t tmpfs -o size=1m tmpfs /tmp'], {
    stdio: 'ignore',
  });
  return probe.status === 0;
}

export function runWithSmallStagingDisk(sandbox: Sandbox, args: string[], sizeBytes: number): Promise<CliResult> {
  const dats = path.join(sandbox.dataDir, 'dats');
  const command = [process.execPath, cliPath, ...args, '--config', sandbox.configFile, '--data-dir', sandbox.dataDir]
    .map((part) => `'${part.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  const script = [
    'set -e',
    `small=$(mktemp -d)`,
    `mount -t tmpfs -o size=${sizeBytes} tmpfs "$small"`,
    `for held in '${dats}'/*/; do name=$(basename "$held"); mkdir "$small/$name"; mount --bind "$held" "$small/$name"; done`,
    `mount --rbind "$small" '${dats}'`,
    `exec ${command}`,
  ].join('\n');
  const child = spawn('unshare', ['-rm', 'sh', '-c', script], { env: sandbox.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

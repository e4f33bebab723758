import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `npm run demo` is the build followed by this script; its exit code is the script's.
const demo = fileURLToPath(new URL('../../tools/mirror/dist/demo.js', import.meta.url));

function runDemo(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' };
    const child = spawn(process.execPath, [demo, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run demo', () => {
  it('exits with the failing step’s code when a step fails', async () => {
    const run = await runDemo(['--source', 'no-such-source']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('rommer update exited with 2.');
    expect(run.stderr).toContain('rommer demo: failed (exit code 2).');
    // A usage error stops the demo: no second update, no listing.
    expect(run.stdout).not.toContain('What the catalogue holds:');
  });

  it('runs through to the listing and exits 0 when every step succeeds (one source, to keep it short)', async () => {
    const run = await runDemo(['--source', 'opengood']);
    expect(run.stderr).not.toContain('unknown option');
    expect(run.stdout).toContain('What the catalogue holds:');
    expect(run.stderr).not.toContain('rommer demo: failed');
    expect(run.code).toBe(0);
  }, 180_000);
});

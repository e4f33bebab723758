import path from 'node:path';
import { createOpengoodRemote, mountTosec, startMirror, type Mirror } from '@rommer/mirror';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from './support/rommer-cli.js';

let sandbox: Sandbox;
let mirror: Mirror;

interface Report {
  ok: boolean;
  checks: { name: string; status: string; detail: string }[];
  held: { source: string; version: string }[];
}

beforeAll(async () => {
  sandbox = await createSandbox('rommer-e2e-doctor-');
  mirror = await startMirror();
  const tosec = mountTosec(mirror);
  const remote = await createOpengoodRemote(path.join(sandbox.root, 'remote'));
  await sandbox.writeConfig(
    [
      '[sources.opengood]',
      `url = "${remote.url}"`,
      '[sources.tosec]',
      `url = "${tosec.downloadsUrl}"`,
      ...['mame', 'no-intro', 'redump', 'fbneo', 'libretro'].flatMap((id) => [`[sources.${id}]`, 'enabled = false']),
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await mirror.close();
  await sandbox.cleanup();
});

describe.sequential('rommer doctor (the built CLI)', () => {
  it('passes before the first update, reaching each enabled source on the mirror', async () => {
    const run = await sandbox.run(['doctor']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ok {4}node +Node \d+\.\d+\.\d+$/m);
    expect(run.stdout).toMatch(/^ok {4}source tosec +127\.0\.0\.1:\d+ answered \(HTTP 200/m);
    expect(run.stdout).toMatch(/^ok {4}source opengood +file:\/\//m);
    expect(run.stdout).toContain('versions held: none yet');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('All checks passed.');
    // The mirror saw one HEAD to TOSEC and nothing else.
    expect(mirror.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['HEAD /tosec/downloads']);
  });

  it('lists the versions held after an update (--json)', async () => {
    expect((await sandbox.run(['update', '--source', 'tosec'])).code).toBe(0);
    const run = await sandbox.run(['doctor', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.ok).toBe(true);
    expect(report.held).toEqual([expect.objectContaining({ source: 'tosec', version: '2025-03-13' })]);
    expect(report.checks.find((c) => c.name === 'database')?.detail).toMatch(/migrations current; \d+ DATs catalogued/);
  });

  it('exits 1 and names the host when a source cannot be reached', async () => {
    await mirror.close();
    const run = await sandbox.run(['doctor']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL {2}source tosec +127\.0\.0\.1:\d+ is not reachable: .*refused/im);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('1 check failed.');
  });
});

#!/usr/bin/env node
// A no-change `rommer update` of every available source against tools/mirror: a first update
// fetches everything, then the same command runs again with nothing new upstream (each source
// makes only its cheap check). Wall time, median of several runs; `node -e 0` for scale.
// Targets: < 2 s for all sources; `rommer update --source opengood --json` alone ≤ 7× `node -e 0`.
//
//   npm run build && node tools/bench/update-noop.mjs [runs]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchResult, median, seconds } from './bench-result.mjs';

const runs = Number(process.argv[2] ?? 3);
const cli = fileURLToPath(new URL('../../apps/rommer/dist/cli.js', import.meta.url));
const mirrorLib = await import('../../tools/mirror/dist/index.js');

const work = mkdtempSync(path.join(os.tmpdir(), 'rommer-bench-noop-'));
const configFile = path.join(work, 'sources.conf');
const dataDir = path.join(work, 'data');
const env = { ...process.env, HOME: work, XDG_CONFIG_HOME: work, XDG_DATA_HOME: work, NO_COLOR: '1' };

/** Runs a child without blocking this process's event loop: the mirror lives here. */
function run(args) {
  const start = process.hrtime.bigint();
  return new Promise((resolve) => {
    let stdout = '';
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.on('close', (code) => resolve({ code, stdout, seconds: Number(process.hrtime.bigint() - start) / 1e9 }));
  });
}

const mirror = await mirrorLib.startMirror();
try {
  const remote = await mirrorLib.createOpengoodRemote(path.join(work, 'opengood.git'));
  const github = mirrorLib.mountGitHub(mirror);
  await mirrorLib.publishGitHubFixtures(github, mirrorLib.fixturesDir);
  const tosec = mirrorLib.mountTosec(mirror);
  const datomatic = mirrorLib.mountDatomatic(mirror, { date: '2026-11-20' });
  const redump = mirrorLib.mountRedump(mirror);
  const tables = {
    opengood: [`url = "${remote.url}"`],
    mame: [],
    'no-intro': [`url = "${datomatic.url}"`, 'step_delay = 0'],
    tosec: [`url = "${tosec.downloadsUrl}"`],
    redump: [`url = "${redump.url}"`, `forum_url = "${redump.forumUrl}"`, 'delay = 0'],
    fbneo: [],
    libretro: [],
  };
  const writeConfig = (enabled) =>
    writeFileSync(
      configFile,
      [
        '[defaults]',
        `github_api = "${github.apiUrl}"`,
        `github_raw = "${github.rawUrl}"`,
        ...Object.entries(tables).flatMap(([id, lines]) => [`[sources.${id}]`, `enabled = ${enabled.includes(id)}`, ...lines]),
        '',
      ].join('\n'),
    );
  const paths = ['--config', configFile, '--data-dir', dataDir];

  writeConfig([]);
  const listed = JSON.parse((await run([cli, 'update', '--list-sources', '--json', ...paths])).stdout);
  writeConfig(listed.map((s) => s.id));
  const first = await run([cli, 'update', '--json', ...paths]);
  const summary = JSON.parse(first.stdout.trim().split('\n').at(-1));
  // Only the sources the first run fetched can show a no-change run.
  const held = summary.sources.filter((s) => s.status === 'updated').map((s) => s.id);
  const failed = summary.sources.filter((s) => s.status !== 'updated').map((s) => `${s.id} (${s.error})`);
  if (failed.length > 0) console.log(`left out after the first run: ${failed.join(', ')}`);
  writeConfig(held);

  const noop = [];
  const opengood = [];
  const node = [];
  for (let i = 0; i < runs; i++) {
    const again = await run([cli, 'update', ...paths]);
    if (again.code !== 0 || !/^Up to date: /m.test(again.stdout)) throw new Error(`the no-change run did not report up to date:\n${again.stdout}`);
    noop.push(again.seconds);
    if (held.includes('opengood')) opengood.push((await run([cli, 'update', '--source', 'opengood', '--json', ...paths])).seconds);
    node.push((await run(['-e', '0'])).seconds);
  }
  const m = median(noop);
  const b = median(node);
  if (opengood.length > 0) {
    const o = median(opengood);
    console.log(`no-change update of opengood alone: median of ${runs} ${seconds(o)}`);
    benchResult({
      name: 'no-change rommer update --source opengood --json',
      measured: seconds(o),
      baseline: `node -e 0: ${seconds(b)}`,
      ratio: o / b,
      target: '≤ 7× node -e 0',
      met: o / b <= 7,
    });
  }
  console.log(`no-change update of ${held.join(', ')}: median of ${runs} ${seconds(m)} (node -e 0: ${seconds(b)})`);
  benchResult({
    name: `no-change rommer update (${held.length} sources: ${held.join(', ')})`,
    measured: seconds(m),
    baseline: `node -e 0: ${seconds(b)}`,
    ratio: m / b,
    target: '< 2 s',
    met: m < 2,
  });
} finally {
  await mirror.close();
  rmSync(work, { recursive: true, force: true });
}

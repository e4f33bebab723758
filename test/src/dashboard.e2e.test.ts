import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  createOpengoodRemote,
  fixturesDir,
  mountGitHub,
  publishGitHubFixtures,
  startMirror,
  type GitHubSite,
  type GitRemote,
  type Mirror,
} from '@rommer/mirror';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, createSandbox, snapshotTree, type Sandbox } from './support/rommer-cli.js';
import { TmuxTerminal, tmuxAvailable } from './support/tmux.js';

// The dashboard in a real terminal: tmux runs the built `rommer`, the test types keys and reads
// the screen. CI installs tmux (.ci/run), so there this always runs.
const haveTmux = tmuxAvailable();
if (!haveTmux) console.warn('dashboard e2e skipped: tmux is not installed (apt-get install tmux)');

/** Raw files are served this much later, so the live rows stay on screen long enough to read. */
const RAW_DELAY_MS = 400;
/** GitHub API answers come this much later (raised to catch a check in the act). */
let apiDelayMs = 0;

let sandbox: Sandbox;
let mirror: Mirror;
let site: GitHubSite;
let remote: GitRemote;
let terminal: TmuxTerminal | undefined;
let runs = 0;

beforeAll(async () => {
  if (!haveTmux) return;
  sandbox = await createSandbox('rommer-e2e-dash-');
  remote = await createOpengoodRemote(path.join(sandbox.root, 'remote'));
  mirror = await startMirror();
  site = mountGitHub(mirror);
  await publishGitHubFixtures(site, fixturesDir);
  // Slow doors to the GitHub imitation: same answers, a moment later each.
  const slow = (prefix: string, target: string, wait: () => number) =>
    mirror.mount(prefix, async (_req, res, url) => {
      await delay(wait());
      const upstream = await fetch(`${target}${url.pathname}${url.search}`);
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' });
      res.end(Buffer.from(await upstream.arrayBuffer()));
      return true;
    });
  slow('/slow-raw', site.rawUrl, () => RAW_DELAY_MS);
  slow('/slow-api', site.apiUrl, () => apiDelayMs);
  // Only OpenGood is enabled: the initial selection. FBNeo is chosen with the keys.
  await sandbox.writeConfig(
    [
      '[defaults]',
      `github_api = "${mirror.url}/slow-api"`,
      `github_raw = "${mirror.url}/slow-raw"`,
      'retries = 0',
      '[sources.opengood]',
      `url = "${remote.url}"`,
      '[sources.no-intro]',
      'enabled = false',
      '[sources.tosec]',
      'enabled = false',
      '',
    ].join('\n'),
  );
});

afterEach(() => {
  terminal?.kill();
  terminal = undefined;
  apiDelayMs = 0;
});

afterAll(async () => {
  if (!haveTmux) return;
  await mirror.close();
  await sandbox.cleanup();
});

function openDashboard(columns = 100): TmuxTerminal {
  runs += 1;
  terminal = TmuxTerminal.start({
    dir: sandbox.root,
    name: `dash${runs}`,
    command: [process.execPath, cliPath, '--config', sandbox.configFile, '--data-dir', sandbox.dataDir],
    env: { ...sandbox.env, TERM: 'xterm-256color' },
    columns,
    rows: 30,
  });
  return terminal;
}

/** The list rows are opengood, mame, no-intro, tosec, redump, fbneo, libretro: select the first and the sixth. */
async function selectOpengoodAndFbneo(tty: TmuxTerminal): Promise<void> {
  await tty.press('n', 'Space', 'Down', 'Down', 'Down', 'Down', 'Down', 'Space');
  await tty.waitFor((s) => s.includes('2 of 7 selected'), 'two sources selected');
}

describe.skipIf(!haveTmux).sequential('rommer (the dashboard) in tmux against the mirror', () => {
  it('selects two sources, shows their live rows, then the summary with both updated', async () => {
    const tty = openDashboard();
    const list = await tty.waitFor((s) => s.includes('choose the sources to update'), 'the source list');
    // The config's enabled sources are the initial selection; nothing is held yet.
    expect(list).toMatch(/^› \[x\] opengood {2}OpenGood +— +never +git/m);
    expect(list).toMatch(/^ {2}\[ \] fbneo +FinalBurn Neo +— +never/m);
    expect(list).toContain('1 of 7 selected');

    await selectOpengoodAndFbneo(tty);
    expect(tty.screen()).toMatch(/^› \[x\] fbneo/m);
    await tty.press('Enter');

    // OpenGood imports its 42 DATs after the clone (auto_import): seconds of live rows.
    const live = await tty.waitFor(
      (s) => /^Updating 2 sources/m.test(s) && /^\S opengood +(checking|downloading|verifying|committing|importing)/m.test(s),
      'the live rows with opengood at work',
    );
    expect(live).toMatch(/^\S fbneo +\S+/m);
    expect(live).toContain('ctrl-c cancel');
    if (process.env['ROMMER_E2E_SCREENS'] !== undefined) console.log(`live:\n${live}`);

    const summary = await tty.waitFor((s) => s.includes('Update finished in'), 'the summary', 60_000);
    expect(summary).toMatch(/Update finished in \d+:\d\d · 2 updated/);
    expect(summary).toMatch(/^Updated$/m);
    expect(summary).toMatch(new RegExp(`^✔ opengood +OpenGood +${(await remote.head()).slice(0, 7)} · 42/42 files changed`, 'm'));
    expect(summary).toMatch(/^✔ fbneo +FinalBurn Neo +[0-9a-f]{7} · 2\/2 files changed/m);
    if (process.env['ROMMER_E2E_SCREENS'] !== undefined) console.log(`summary:\n${summary}`);
    expect(summary).toContain('enter or b back to the list · q quit');

    // Back to the list: what is held now shows there.
    await tty.press('b');
    const after = await tty.waitFor((s) => s.includes('choose the sources to update'), 'the list again');
    if (process.env['ROMMER_E2E_SCREENS'] !== undefined) console.log(`list:\n${after}`);
    expect(after).toMatch(/\[x\] opengood {2}OpenGood +[0-9a-f]{7} +just now/);
    await tty.press('q');
    expect(await tty.waitForExit()).toBe(0);
  });

  it('a second run shows both held and up to date; the layout follows a resize', async () => {
    const tty = openDashboard();
    const list = await tty.waitFor((s) => s.includes('choose the sources to update'), 'the source list');
    expect(list).toMatch(/^› \[x\] opengood {2}OpenGood +[0-9a-f]{7} +just now/m);
    expect(list).toMatch(/^ {2}\[ \] fbneo +FinalBurn Neo +\S+ +just now/m);

    // Narrower than 80 columns: one short line per source, no column headings.
    tty.resize(60, 30);
    const narrow = await tty.waitFor((s) => !s.includes('DOWNLOADS') && /^› \[x\] opengood +[0-9a-f]{7}$/m.test(s), 'the narrow list');
    expect(narrow.split('\n').every((line) => line.length <= 60)).toBe(true);
    tty.resize(100, 30);
    await tty.waitFor((s) => s.includes('DOWNLOADS'), 'the wide list again');

    await selectOpengoodAndFbneo(tty);
    await tty.press('Enter');
    const summary = await tty.waitFor((s) => s.includes('Update finished in'), 'the summary', 60_000);
    expect(summary).toMatch(/Update finished in \d+:\d\d · 2 up to date/);
    expect(summary).toMatch(/^Up to date$/m);
    expect(summary).toMatch(/^= opengood +OpenGood +[0-9a-f]{7}$/m);
    expect(summary).toMatch(/^= fbneo +FinalBurn Neo +\S+$/m);
    if (process.env['ROMMER_E2E_SCREENS'] !== undefined) console.log(`second summary:\n${summary}`);
    // The sandbox sets NO_COLOR: no colour or emphasis on the screen, only text.
    expect(tty.screen({ escapes: true })).not.toMatch(/\u001B\[[0-9;]*m/);
    await tty.press('Escape');
    expect(await tty.waitForExit()).toBe(0);
  });

  it('ctrl-c asks once, then cancels cleanly: the summary says so, exit 130, the DATs held unchanged', async () => {
    // FBNeo's check (one tree call) takes long enough for the keys to arrive while it runs.
    apiDelayMs = 15_000;
    const fbneoDats = path.join(sandbox.dataDir, 'dats', 'fbneo');
    const before = await snapshotTree(fbneoDats);
    expect(Object.keys(before).length).toBeGreaterThan(0);
    const tty = openDashboard();
    await tty.waitFor((s) => s.includes('choose the sources to update'), 'the source list');
    await tty.press('n', 'Down', 'Down', 'Down', 'Down', 'Down', 'Space', 'f');
    await tty.waitFor((s) => s.includes('1 of 7 selected') && s.includes('[x] force (f)'), 'fbneo selected, forced');
    await tty.press('Enter');
    await tty.waitFor((s) => /^Updating 1 source \(forced\)/m.test(s) && /fbneo +checking/.test(s), 'the forced check');
    await tty.press('C-c');
    const asking = await tty.waitFor((s) => s.includes('Cancel the update? Press ctrl-c again'), 'the question');
    expect(asking).toMatch(/fbneo +checking/);
    await tty.press('C-c');
    const stopped = await tty.waitFor((s) => s.includes('finished in'), 'the summary after cancelling');
    expect(stopped).toMatch(/^Stopped: cancelled/m);
    await tty.press('q');
    expect(await tty.waitForExit()).toBe(130);
    expect(await snapshotTree(fbneoDats)).toEqual(before);
  });

  it('uses colour when NO_COLOR is not set', async () => {
    const { NO_COLOR: _off, ...env } = sandbox.env;
    runs += 1;
    const tty = (terminal = TmuxTerminal.start({
      dir: sandbox.root,
      name: `dash${runs}`,
      command: [process.execPath, cliPath, '--config', sandbox.configFile, '--data-dir', sandbox.dataDir],
      env: { ...env, TERM: 'xterm-256color' },
    }));
    await tty.waitFor((s) => s.includes('choose the sources to update'), 'the source list');
    expect(tty.screen({ escapes: true })).toMatch(/\u001B\[[0-9;]*m/);
    await tty.press('q');
    expect(await tty.waitForExit()).toBe(0);
  });

  it('acts on every key of a chunk that arrives in one read (fast typing, a paste, a slow link)', async () => {
    const tty = openDashboard();
    await tty.waitFor((s) => s.includes('choose the sources to update'), 'the source list');
    tty.typeAtOnce('jj');
    // Two rows down: no-intro, the third row.
    await tty.waitFor((s) => /^› \[.\] no-intro/m.test(s), 'the cursor two rows down');
    // Clear the selection, three rows further down (fbneo), select it: one chunk.
    tty.typeAtOnce('njjj ');
    const screen = await tty.waitFor((s) => /^› \[x\] fbneo/m.test(s), 'fbneo under the cursor, selected');
    expect(screen).toMatch(/^ {2}\[ \] opengood/m);
    expect(screen).toContain('1 of 7 selected');
    tty.typeAtOnce('kq');
    expect(await tty.waitForExit()).toBe(0);
  });

  it('without a terminal, `rommer` says where to go instead of drawing: on stderr, exit 2', async () => {
    const run = await sandbox.run([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('rommer: the dashboard needs a terminal');
    expect(run.stderr).toContain('rommer update --list-sources');
    expect(run.stderr).not.toMatch(/\u001B\[/);
  });
});

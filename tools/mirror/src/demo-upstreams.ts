import path from 'node:path';
import { fixturesDir } from './fixtures.js';
import { startMirror, type Mirror } from './server.js';
import { mountDatomatic } from './sites/datomatic.js';
import { createOpengoodRemote, type GitRemote } from './sites/git-remote.js';
import { publishGitHubFixtures } from './sites/github-fixtures.js';
import { mountGitHub, type GitHubSite } from './sites/github.js';
import { mountRedump, type RedumpSite } from './sites/redump.js';
import { mountTosec, type TosecSite } from './sites/tosec.js';

export interface DemoUpstreams {
  mirror: Mirror;
  opengood: GitRemote;
  github: GitHubSite;
  tosec: TosecSite;
  redump: RedumpSite;
  datomatic: ReturnType<typeof mountDatomatic>;
  /** A sources.conf that points every source at the imitations and enables them all. */
  config: string;
  close(): Promise<void>;
}

/**
 * Every upstream at once on 127.0.0.1, filled from the fixtures: the demo, the dashboard test and
 * the benchmarks start from here. `root` holds the git remote.
 */
export async function startDemoUpstreams(root: string): Promise<DemoUpstreams> {
  const mirror = await startMirror();
  const opengood = await createOpengoodRemote(path.join(root, 'opengood'));
  const github = mountGitHub(mirror);
  await publishGitHubFixtures(github, fixturesDir);
  const tosec = mountTosec(mirror);
  const redump = mountRedump(mirror);
  const datomatic = mountDatomatic(mirror);
  const config = [
    '# Every source points at the loopback mirror started by tools/mirror.',
    '[defaults]',
    `github_api = "${github.apiUrl}"`,
    `github_raw = "${github.rawUrl}"`,
    'timeout = 10',
    'retries = 1',
    '',
    '[sources.opengood]',
    `url = "${opengood.url}"`,
    '',
    '[sources.mame]',
    'enabled = true',
    '',
    '[sources.no-intro]',
    `url = "${datomatic.url}"`,
    '',
    '[sources.tosec]',
    `url = "${tosec.downloadsUrl}"`,
    '',
    '[sources.redump]',
    'enabled = true',
    `url = "${redump.url}"`,
    `forum_url = "${redump.forumUrl}"`,
    'delay = 0',
    '',
    '[sources.fbneo]',
    'enabled = true',
    '',
    '[sources.libretro]',
    'enabled = true',
    '',
  ].join('\n');
  return { mirror, opengood, github, tosec, redump, datomatic, config, close: () => mirror.close() };
}

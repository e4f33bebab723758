import fs from 'node:fs/promises';
import path from 'node:path';
import { mameNames, mameReleaseZip } from './github-mame-release.js';
import type { GitHubSite } from './github.js';

export const githubFixtureRepos = {
  fbneo: 'libretro/FBNeo',
  libretro: 'libretro/libretro-database',
  mame: 'mamedev/mame',
} as const;

async function walk(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await walk(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
}

/**
 * Publishes the shared fixtures the way GitHub holds them upstream: the FBNeo DATs under `dats/`
 * of libretro/FBNeo, the libretro-database DATs at their upstream paths, each beside files rommer
 * must leave alone (sources, READMEs), and a MAME release with a generated ListXML zip.
 */
export async function publishGitHubFixtures(
  site: GitHubSite,
  fixturesDir: string,
  options: { mameBuild?: string } = {},
): Promise<{ fbneo: string[]; libretro: string[]; mameTag: string }> {
  const fbneo: string[] = [];
  for (const file of await walk(path.join(fixturesDir, 'fbneo'))) {
    if (!file.endsWith('.dat')) continue;
    site.setFile(
      githubFixtureRepos.fbneo,
      `dats/${file}`,
      await fs.readFile(path.join(fixturesDir, 'fbneo', file)),
    );
    fbneo.push(`dats/${file}`);
  }
  site.setFile(githubFixtureRepos.fbneo, 'README.md', '# FinalBurn Neo\n');
  site.setFile(githubFixtureRepos.fbneo, 'src/burn/burn.cpp', '// the emulator, not a DAT\n');
  site.setFile(githubFixtureRepos.fbneo, 'dats/README.md', 'The DATs in this folder are generated.\n');

  const libretro: string[] = [];
  for (const file of await walk(path.join(fixturesDir, 'libretro'))) {
    if (!file.endsWith('.dat')) continue;
    site.setFile(
      githubFixtureRepos.libretro,
      file,
      await fs.readFile(path.join(fixturesDir, 'libretro', file)),
    );
    libretro.push(file);
  }
  site.setFile(githubFixtureRepos.libretro, 'README.md', '# libretro-database\n');
  site.setFile(
    githubFixtureRepos.libretro,
    'rdb/CHIP-8.rdb',
    Buffer.from([0x52, 0x41, 0x52, 0x43, 0x48, 0x44, 0x42, 0x00]),
  );
  site.setFile(githubFixtureRepos.libretro, 'metadat/genre/CHIP-8.dat', 'clrmamepro (\n\tname "CHIP-8"\n)\n');

  const build = options.mameBuild ?? '0.289';
  const names = mameNames(build);
  site.setRelease(githubFixtureRepos.mame, {
    tag: names.tag,
    name: `MAME ${build}`,
    assets: [
      { name: `${names.tag}b_x64.exe`, bytes: Buffer.from('MZ not really an installer') },
      { name: names.asset, bytes: await mameReleaseZip(build) },
      { name: `${names.tag}s.exe`, bytes: Buffer.from('MZ not really the sources') },
    ],
  });
  return { fbneo: fbneo.sort(), libretro: libretro.sort(), mameTag: names.tag };
}

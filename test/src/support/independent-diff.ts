// An independent reading of the change-set rules for tests: regular expressions over Logiqx XML and
// plain maps, sharing no code with rommer's parser or its SQL-side diff.

export interface Counts {
  added: number;
  removed: number;
  renamed: number;
  changed: number;
}

const attributes = (text: string): Record<string, string> =>
  Object.fromEntries([...text.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));

/** Game name → its ROM multiset (size, crc, sha1, md5) as one sorted string. */
export function gamesOf(xml: string): Map<string, string> {
  const games = new Map<string, string[]>();
  for (const game of xml.matchAll(/<(?:game|machine) ([^>]*?)>([\s\S]*?)<\/(?:game|machine)>/g)) {
    const name = attributes(game[1]!)['name'] ?? '';
    const roms = [...game[2]!.matchAll(/<rom ([^>]*?)\/?>/g)].map((rom) => {
      const a = attributes(rom[1]!);
      const crc = (a['crc'] ?? '').toLowerCase();
      return [a['size'] ?? '', crc === '' ? '' : crc.padStart(8, '0'), (a['sha1'] ?? '').toLowerCase(), (a['md5'] ?? '').toLowerCase()].join('/');
    });
    games.set(name, [...(games.get(name) ?? []), ...roms]);
  }
  return new Map([...games].map(([name, roms]) => [name, roms.sort().join('|')]));
}

/** The counts of the rules: renames pair names only in old/new by equal non-empty content. */
export function independentDiff(before: string, after: string): Counts {
  const [a, b] = [gamesOf(before), gamesOf(after)];
  const onlyOld = [...a.keys()].filter((name) => !b.has(name));
  const onlyNew = [...b.keys()].filter((name) => !a.has(name));
  const tally = (names: string[], games: Map<string, string>) => {
    const counts = new Map<string, number>();
    for (const name of names) {
      const content = games.get(name)!;
      if (content !== '') counts.set(content, (counts.get(content) ?? 0) + 1);
    }
    return counts;
  };
  const [oldContents, newContents] = [tally(onlyOld, a), tally(onlyNew, b)];
  let renamed = 0;
  for (const [content, n] of oldContents) renamed += Math.min(n, newContents.get(content) ?? 0);
  const changed = [...a.keys()].filter((name) => b.has(name) && a.get(name) !== b.get(name)).length;
  return { added: onlyNew.length - renamed, removed: onlyOld.length - renamed, renamed, changed };
}

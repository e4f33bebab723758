// The scan's look-ups on PostgreSQL: catalogue-lookup.ts's SQL with `$n` placeholders, as named
// prepared statements (parsed once per connection), array rows where the columns are positional.
import type pg from 'pg';
import {
  contentParameters,
  guardedLookup,
  LOOKUP_SQL,
  toDatRoms,
  toDats,
  toHits,
  toSizes,
  type CatalogueLookup,
} from './catalogue-lookup.js';
import type { DatRow } from './dat-record.js';
import { pgErrorLine } from './error-text.js';
import { positional } from './sql-runner.js';

const PG_SQL = Object.fromEntries(Object.entries(LOOKUP_SQL).map(([name, sql]) => [name, positional(sql)])) as Record<
  keyof typeof LOOKUP_SQL,
  string
>;

export function createPgLookup(pool: pg.Pool, label: string): CatalogueLookup {
  const rows = async <R>(name: keyof typeof LOOKUP_SQL, values: readonly unknown[], array = false): Promise<R[]> => {
    const config: pg.QueryConfig<unknown[]> & { rowMode?: 'array' } = { name: `rommer_lookup_${name}`, text: PG_SQL[name], values: [...values] };
    if (array) config.rowMode = 'array';
    const result = await pool.query(config);
    return result.rows as R[];
  };
  const count = async (name: 'findableGames' | 'findableRoms', id: number) => Number((await rows<[string]>(name, [id], true))[0]?.[0] ?? 0);
  return guardedLookup(
    label,
    {
      async findRomsByContent(content) {
        const p = contentParameters(content);
        const found = [
          ...(await rows<Parameters<typeof toHits>[0][number]>('byContent', p.byContent, true)),
          ...(p.md5 === null ? [] : await rows<Parameters<typeof toHits>[0][number]>('byMd5', [p.md5], true)),
          ...(p.sha256 === null ? [] : await rows<Parameters<typeof toHits>[0][number]>('bySha256', [p.sha256], true)),
        ];
        return found.length === 0 ? [] : toHits(found, content.size);
      },
      async weakHashSizes() {
        return { md5: toSizes(await rows('weakMd5', [])), sha256: toSizes(await rows('weakSha256', [])) };
      },
      findableGameCount: (datId) => count('findableGames', datId),
      findableRomCount: (gameId) => count('findableRoms', gameId),
      romsOfDat: async (datId) => toDatRoms(await rows('romsOfDat', [datId], true)),
      dats: async () => toDats(await rows<DatRow>('dats', [])),
    },
    pgErrorLine,
  );
}

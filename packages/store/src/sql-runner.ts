// Plain SQL on either engine, for the statements a short command needs before (or instead of) the
// ORM: the ledger and the DAT list. Prisma's client and its query compiler take about 0.4 s to
// load and start, which a no-change `rommer update` cannot afford; it is started on first use only
// (Backend.prisma). SQL is written with `?` placeholders and quoted aliases, valid on both.
import type Database from 'better-sqlite3';
import type pg from 'pg';

export interface SqlRunner {
  all<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  run(sql: string, params?: readonly unknown[]): Promise<void>;
  close(): void;
}

/** `?` → `$1`, `$2`, …: the shared SQL holds no `?` other than its parameters. */
export function positional(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * On a better-sqlite3 connection of its own, opened on first use: not the bulk writer's, whose open
 * import transaction other readers must not see before its commit. Each statement prepared once.
 */
export function sqliteRunner(connect: () => Database.Database): SqlRunner {
  let db: Database.Database | undefined;
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    db ??= connect();
    let statement = statements.get(sql);
    if (statement === undefined) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  return {
    all: <R>(sql: string, params: readonly unknown[] = []) => Promise.resolve(prepared(sql).all(...params) as R[]),
    run: (sql, params = []) => {
      prepared(sql).run(...params);
      return Promise.resolve();
    },
    close: () => {
      statements.clear();
      db?.close();
      db = undefined;
    },
  };
}

export function pgRunner(pool: pg.Pool): SqlRunner {
  return {
    all: async <R>(sql: string, params: readonly unknown[] = []) => (await pool.query(positional(sql), [...params])).rows as R[],
    run: async (sql, params = []) => {
      await pool.query(positional(sql), [...params]);
    },
    // The pool is the backend's to end.
    close: () => undefined,
  };
}

// The version ledger (core's Ledger port) on the dat_source table, in plain SQL (sql-runner.ts):
// every update reads and writes it, and a no-change update should not start the ORM for it.
import type { Ledger, LedgerEntry } from '@rommer/core';
import { StoreError } from './errors.js';
import type { SqlRunner } from './sql-runner.js';
import type { WriteGate } from './write-gate.js';

type Int = number | bigint | string;
type Row = {
  name: string;
  version: string | null;
  lastUpdated: Int | null;
  url: string | null;
  lastChecked: Int | null;
  state: string | null;
  lastError: string | null;
};

const SELECT = `SELECT name, version, last_updated AS "lastUpdated", url, last_checked AS "lastChecked", state, last_error AS "lastError" FROM dat_source`;
const UPSERT = `INSERT INTO dat_source (name, version, last_updated, url, last_checked, state, last_error) VALUES (?, ?, ?, ?, ?, ?, NULL)
  ON CONFLICT (name) DO UPDATE SET version = excluded.version, last_updated = excluded.last_updated, url = excluded.url,
    last_checked = excluded.last_checked, state = excluded.state, last_error = NULL`;
const CHECK = `INSERT INTO dat_source (name, last_checked, last_error) VALUES (?, ?, ?)
  ON CONFLICT (name) DO UPDATE SET last_checked = excluded.last_checked, last_error = excluded.last_error`;
const CHECK_WITH_STATE = `INSERT INTO dat_source (name, last_checked, last_error, state) VALUES (?, ?, ?, ?)
  ON CONFLICT (name) DO UPDATE SET last_checked = excluded.last_checked, last_error = excluded.last_error, state = excluded.state`;

function seconds(value: number, what: string, file: string, source: string): number {
  if (!Number.isFinite(value)) throw new StoreError(`${file}: ledger entry for ${source}: ${what} ${String(value)} is not a time in seconds`);
  return Math.trunc(value);
}

export function createLedger(sql: SqlRunner, gate: WriteGate, file: string): Ledger {
  function toEntry(row: Row): LedgerEntry | undefined {
    // A source that was only ever checked has no version yet: the ledger holds nothing for it,
    // unless a failure left state for the next run (a cool-down): then version '' says "none held".
    if ((row.version === null || row.lastUpdated === null) && row.state === null) return undefined;
    let state: Record<string, unknown> | null = null;
    if (row.state !== null) {
      try {
        state = JSON.parse(row.state) as Record<string, unknown>;
      } catch (error) {
        throw new StoreError(`${file}: the ledger state of source ${row.name} is not valid JSON`, { cause: error });
      }
    }
    return {
      source: row.name,
      version: row.version ?? '',
      lastUpdated: Number(row.lastUpdated ?? 0),
      url: row.url,
      lastChecked: row.lastChecked === null ? null : Number(row.lastChecked),
      state,
      lastError: row.lastError,
    };
  }

  return {
    async get(source) {
      const [row] = await sql.all<Row>(`${SELECT} WHERE name = ?`, [source]);
      return row === undefined ? undefined : toEntry(row);
    },

    async list() {
      const rows = await sql.all<Row>(`${SELECT} WHERE version IS NOT NULL ORDER BY name`);
      return rows.map(toEntry).filter((entry) => entry !== undefined);
    },

    async set(entry) {
      if (typeof entry.source !== 'string' || entry.source === '') throw new StoreError(`${file}: a ledger entry needs a source id`);
      if (typeof entry.version !== 'string') throw new StoreError(`${file}: ledger entry for ${entry.source} has no version`);
      const lastUpdated = seconds(entry.lastUpdated, 'lastUpdated', file, entry.source);
      const checked = entry.lastChecked ?? null;
      // A successful update is also a successful check.
      const lastChecked = checked === null ? lastUpdated : seconds(checked, 'lastChecked', file, entry.source);
      const state = entry.state === null ? null : JSON.stringify(entry.state);
      await gate.whenIdle();
      await sql.run(UPSERT, [entry.source, entry.version, lastUpdated, entry.url, lastChecked, state]);
    },

    async recordCheck(source, checkedAt, error, state) {
      const lastChecked = seconds(checkedAt, 'checkedAt', file, source);
      await gate.whenIdle();
      if (state === undefined) await sql.run(CHECK, [source, lastChecked, error]);
      else await sql.run(CHECK_WITH_STATE, [source, lastChecked, error, JSON.stringify(state)]);
    },
  };
}

// The version ledger (core's Ledger port) on the dat_source table, through Prisma.
import type { Ledger, LedgerEntry } from '@rommer/core';
import { StoreError } from './errors.js';
import type { PrismaClient } from './generated/prisma/client.js';
import type { WriteGate } from './write-gate.js';

type Row = {
  name: string;
  version: string | null;
  lastUpdated: bigint | null;
  url: string | null;
  lastChecked: bigint | null;
  state: string | null;
  lastError: string | null;
};

function seconds(value: number, what: string, file: string, source: string): bigint {
  if (!Number.isFinite(value)) throw new StoreError(`${file}: ledger entry for ${source}: ${what} ${String(value)} is not a time in seconds`);
  return BigInt(Math.trunc(value));
}

export function createLedger(prisma: PrismaClient, gate: WriteGate, file: string): Ledger {
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
      const row = await prisma.datSource.findUnique({ where: { name: source } });
      return row === null ? undefined : toEntry(row);
    },

    async list() {
      const rows = await prisma.datSource.findMany({ where: { version: { not: null } }, orderBy: { name: 'asc' } });
      return rows.map(toEntry).filter((entry) => entry !== undefined);
    },

    async set(entry) {
      if (typeof entry.source !== 'string' || entry.source === '') throw new StoreError(`${file}: a ledger entry needs a source id`);
      if (typeof entry.version !== 'string') throw new StoreError(`${file}: ledger entry for ${entry.source} has no version`);
      const lastUpdated = seconds(entry.lastUpdated, 'lastUpdated', file, entry.source);
      const checked = entry.lastChecked ?? null;
      const values = {
        version: entry.version,
        lastUpdated,
        url: entry.url,
        // A successful update is also a successful check.
        lastChecked: checked === null ? lastUpdated : seconds(checked, 'lastChecked', file, entry.source),
        state: entry.state === null ? null : JSON.stringify(entry.state),
        lastError: null,
      };
      await gate.whenIdle();
      await prisma.datSource.upsert({ where: { name: entry.source }, create: { name: entry.source, ...values }, update: values });
    },

    async recordCheck(source, checkedAt, error, state) {
      const values = {
        lastChecked: seconds(checkedAt, 'checkedAt', file, source),
        lastError: error,
        ...(state !== undefined ? { state: JSON.stringify(state) } : {}),
      };
      await gate.whenIdle();
      await prisma.datSource.upsert({ where: { name: source }, create: { name: source, ...values }, update: values });
    },
  };
}

// @rommer/store: the SQLite catalogue of DATs, games and ROMs, the version ledger and the bulk writer.
export { openStore, type OpenStoreOptions, type Store } from './store.js';
export { StoreError } from './errors.js';
export { normaliseCrc, normaliseHash } from './normalise.js';
export type { ScanStore } from './scan-store.js';
export type { CatalogueLookup } from './catalogue-lookup.js';
export type {
  ChangeCounts,
  ChangeDetails,
  ChangeSetQuery,
  ChangeSetRecord,
  ChangeTracker,
  ChangeView,
  CommittedDat,
  DatFormat,
  DatHeader,
  DatImportWriter,
  DatInput,
  DatRecord,
  DiskInput,
  GameInput,
  ImportOptions,
  RomChanges,
  RomInput,
  RomMatch,
  RomQuery,
  StoredRom,
  VersionedGame,
} from './types.js';
export type {
  ContentHashes,
  DatRomRow,
  HeaderHashes,
  RomHit,
  ScanFileInput,
  ScanFileRecord,
  ScanRunRecord,
  ScanRunTotals,
} from './scan-types.js';

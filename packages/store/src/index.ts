// @rommer/store: the SQLite catalogue of DATs, games and ROMs, the version ledger and the bulk writer.
export { openStore, type Store } from './store.js';
export { StoreError } from './errors.js';
export type {
  DatFormat,
  DatHeader,
  DatImportWriter,
  DatInput,
  DatRecord,
  DiskInput,
  GameInput,
  RomInput,
  RomMatch,
  RomQuery,
} from './types.js';

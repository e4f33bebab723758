// @rommer/import: recognise DAT files, stream-parse them, and import them into the catalogue.
export { sniff } from './sniff.js';
export { parseDat, parseDatStream, type ParseDatOptions, type ParseDatResult } from './parse-dat.js';
export type { DatFormat, DatHeader, DatGame, DatRom, DatDisk } from './types.js';
export { createImporter, type ImporterOptions } from './importer.js';
export { importPaths, type ImportPathsOptions, type ImportPathsResult } from './import-paths.js';
export type { ImportedDat } from './import-dat.js';
export { datKey } from './dat-key.js';
export { DatFormatError } from './errors.js';
export {
  changeTracker,
  datIdentity,
  diffDatFiles,
  diffDats,
  diffGames,
  gameContent,
  normaliseRom,
  romChanges,
  romKey,
  type GameDiff,
  type GameLike,
  type RomLike,
} from './changes/index.js';
export type { ChangeDetails, RomChanges, StoredRom } from '@rommer/store';

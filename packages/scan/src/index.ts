// @rommer/scan: identify ROM files and archive entries by hash against the catalogue, have/missing
// per DAT, reports and fixdats. Usable without the CLI: hand it an open @rommer/store.
export { scanCollection, type ScanEvent, type ScanOptions, type ScanProgress, type ScanResult } from './scan-collection.js';
export { buildReport, gameState, type DatReport, type GameState, type ReportGame, type ScanReport } from './report.js';
export { writeFixdat, missingGames, type FixdatOptions } from './fixdat.js';
export { resolveDat } from './resolve-dat.js';
export { detectHeader, HEADER_RULES, type HeaderKind, type HeaderRule } from './headers.mjs';
export { createContentHasher, hashFile, type ContentDigest, type HashOptions } from './content-hasher.mjs';
export { walkPaths, type WalkedFile } from './walk.js';
export type { DatSummary, FileMatch, ScannedFile } from './types.js';

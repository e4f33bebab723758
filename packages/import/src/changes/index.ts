// Change sets: a DAT's identity across versions and the game-level diff of two versions.
export { changeTracker } from './change-tracker.js';
export { datIdentity } from './dat-identity.js';
export { diffDatFiles, diffDats, type GameLike } from './diff-dats.js';
export { diffGames, type GameDiff } from './diff-games.js';
export { gameContent, normaliseRom, romKey, type RomLike } from './game-content.js';
export { romChanges } from './rom-changes.js';

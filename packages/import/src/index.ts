export { sniff } from './sniff.js';
export { parseDat, parseDatStream, type ParseDatOptions, type ParseDatResult } from './parse-dat.js';
export type { DatFormat, DatHeader, DatGame, DatRom, DatDisk } from './types.js';

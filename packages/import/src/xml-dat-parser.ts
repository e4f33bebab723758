import { datError } from './dat-error.js';
import type { DatDisk, DatFormat, DatGame, DatHeader, DatRom } from './types.js';
import { isYes, orNull, parseSize } from './values.js';
import { parseAttributes, readAttributes } from './xml-entities.js';
import { XmlScanner, type XmlEvents } from './xml-scanner.js';

/** What a parser hands on: the header once, then each game as it closes. Return false to stop. */
export interface DatSink {
  header(format: DatFormat, header: DatHeader): boolean | void;
  game(game: DatGame): boolean | void;
  /** Something malformed that was read anyway: `<file>, line <n>: <what>`. */
  warning?(message: string): void;
}

/** Chunk-fed parser interface shared by the XML and ClrMamePro parsers. */
export interface ChunkParser {
  write(chunk: string): void;
  end(): void;
  readonly stopped: boolean;
}

const headerFields = new Set(['name', 'description', 'category', 'version', 'date', 'author', 'homepage', 'url', 'comment']);
const gameTextFields = new Set(['description', 'year', 'manufacturer']);

/**
 * Logiqx `<datafile>` and MAME ListXML `<mame>` share their game model, so one consumer reads both;
 * the root element decides the format. Elements other than header fields, games and their
 * description/year/manufacturer/rom/disk (inputs, dipswitches, ports, chips, displays, samples…)
 * are skipped: their attributes are never even parsed.
 */
export class XmlDatParser implements ChunkParser, XmlEvents {
  readonly #scanner: XmlScanner;
  readonly #sink: DatSink;
  readonly #file: string;
  #format: DatFormat | undefined;
  #header: DatHeader | undefined;
  #inHeader = false;
  #game: DatGame | undefined;
  #field: string | undefined;
  #text = '';

  constructor(file: string, sink: DatSink) {
    this.#file = file;
    this.#sink = sink;
    this.#scanner = new XmlScanner(this, file);
  }

  get stopped(): boolean {
    return this.#scanner.stopped;
  }

  write(chunk: string): void {
    this.#scanner.write(chunk);
  }

  end(): void {
    this.#scanner.end();
    if (!this.stopped) this.#emitHeader();
  }

  // Levels: the root is 1, header and games 2, their fields, roms and disks 3.
  open(name: string, raw: string): void {
    const level = this.#scanner.depth;
    if (this.#format === undefined) {
      this.#startRoot(name, raw);
      return;
    }
    if (this.#field !== undefined || level !== (this.#game !== undefined || this.#inHeader ? 3 : 2)) return;
    if (this.#game !== undefined) {
      if (name === 'rom') this.#addRom(raw);
      else if (name === 'disk') this.#addDisk(raw);
      else if (gameTextFields.has(name)) this.#startField(name);
    } else if (this.#inHeader) {
      if (headerFields.has(name)) this.#startField(name);
    } else if (name === 'game' || name === 'machine') {
      this.#emitHeader();
      if (this.stopped) return;
      const attrs = parseAttributes(raw, this.#scanner.entities);
      this.#game = {
        name: attrs['name'] ?? '',
        description: null,
        year: null,
        manufacturer: null,
        cloneOf: orNull(attrs['cloneof']),
        romOf: orNull(attrs['romof']),
        isBios: isYes(attrs['isbios']),
        isDevice: isYes(attrs['isdevice']),
        roms: [],
        disks: [],
      };
    } else if (name === 'header' && this.#header === undefined) {
      this.#inHeader = true;
      this.#header = {};
    }
  }

  close(name: string): void {
    const level = this.#scanner.depth + 1;
    if (this.#field !== undefined) {
      if (level !== 3) return;
      const value = this.#text.trim();
      if (this.#game !== undefined) {
        if (name === 'description') this.#game.description ??= value;
        else if (name === 'year') this.#game.year ??= value;
        else if (name === 'manufacturer') this.#game.manufacturer ??= value;
      } else if (this.#header !== undefined) {
        const header = this.#header as Record<string, string>;
        header[name] ??= value;
      }
      this.#field = undefined;
      this.#scanner.wantText = false;
    } else if (level === 2 && this.#game !== undefined) {
      const game = this.#game;
      this.#game = undefined;
      if (this.#sink.game(game) === false) this.#scanner.stopped = true;
    } else if (level === 2 && this.#inHeader) {
      this.#inHeader = false;
      this.#emitHeader();
    }
  }

  text(text: string): void {
    this.#text += text;
  }

  #startField(name: string): void {
    this.#field = name;
    this.#text = '';
    this.#scanner.wantText = true;
  }

  #startRoot(name: string, raw: string): void {
    if (name === 'datafile') {
      this.#format = 'logiqx';
    } else if (name === 'mame') {
      this.#format = 'listxml';
      const build = parseAttributes(raw, this.#scanner.entities)['build'];
      this.#header = { name: 'MAME', ...(build ? { description: `MAME ${build}`, version: build } : {}) };
      this.#emitHeader();
    } else {
      throw datError(
        this.#file,
        this.#scanner.currentLine(),
        `not a DAT: the root element is <${name}>, expected <datafile> (Logiqx) or <mame> (ListXML)`,
      );
    }
  }

  #headerSent = false;

  #emitHeader(): void {
    if (this.#headerSent || this.#format === undefined) return;
    this.#headerSent = true;
    if (this.#sink.header(this.#format, this.#header ?? {}) === false) this.#scanner.stopped = true;
  }

  #addRom(raw: string): void {
    const rom: DatRom = { name: '', size: null, crc: null, md5: null, sha1: null, sha256: null, status: null, merge: null, serial: null };
    readAttributes(raw, (name, value) => setRomField(rom, name, value), this.#scanner.entities);
    this.#game!.roms.push(rom);
  }

  #addDisk(raw: string): void {
    const disk: DatDisk = { name: '', md5: null, sha1: null, status: null, merge: null };
    readAttributes(raw, (name, value) => setDiskField(disk, name, value), this.#scanner.entities);
    this.#game!.disks.push(disk);
  }
}

/** A rom attribute into its field; the first of a repeated attribute wins, empty means "not given". */
function setRomField(rom: DatRom, name: string, value: string): void {
  switch (name) {
    case 'name':
      if (rom.name === '') rom.name = value;
      break;
    case 'size':
      rom.size ??= parseSize(value);
      break;
    case 'crc':
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'status':
    case 'merge':
    case 'serial':
      rom[name] ??= orNull(value);
      break;
  }
}

function setDiskField(disk: DatDisk, name: string, value: string): void {
  switch (name) {
    case 'name':
      if (disk.name === '') disk.name = value;
      break;
    case 'md5':
    case 'sha1':
    case 'status':
    case 'merge':
      disk[name] ??= orNull(value);
      break;
  }
}

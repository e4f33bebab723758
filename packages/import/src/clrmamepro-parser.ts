import { datError } from './dat-error.js';
import { MAX_PENDING_CHARS, PendingInput } from './pending-input.js';
import type { DatDisk, DatGame, DatHeader, DatRom } from './types.js';
import { orNull, parseSize } from './values.js';
import type { ChunkParser, DatSink } from './xml-dat-parser.js';

/** One `key ( … )` block being read; repeated keys keep their first value. */
interface Frame {
  name: string;
  fields: Map<string, string>;
  roms: DatRom[];
  disks: DatDisk[];
  /** The key read and waiting for its value. */
  key: string | undefined;
  line: number;
}

const gameBlocks = new Set(['game', 'machine', 'resource']);
const headerKeys = ['name', 'description', 'category', 'version', 'date', 'author', 'homepage', 'url', 'comment'] as const;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
}

/**
 * ClrMamePro text DATs: `clrmamepro ( … )` then `game ( name … rom ( name … size … crc … ) )`.
 * Tokens are `(`, `)`, quoted strings (with `\"` escapes, spanning lines) and bare words. Real files
 * glue values to the next key (`"x.lha"size 366212`) and leave values with parentheses unquoted
 * (`name Farm(v1.0)`): a `(` inside a word that is followed by more text belongs to the word.
 */
export class ClrMameProParser implements ChunkParser {
  stopped = false;
  readonly #file: string;
  readonly #sink: DatSink;
  readonly #stack: Frame[] = [];
  readonly #pending = new PendingInput(MAX_PENDING_CHARS);
  #line = 1;
  /** A block name read at the top level, waiting for its `(`. */
  #blockName: string | undefined;
  #headerSent = false;

  constructor(file: string, sink: DatSink) {
    this.#file = file;
    this.#sink = sink;
  }

  write(chunk: string): void {
    const buf = this.#pending.add(chunk);
    if (buf === undefined) return;
    const rest = buf.slice(this.#scan(buf, false));
    if (!this.#pending.keep(rest)) {
      const what = rest.charCodeAt(0) === 34 ? 'a quoted string' : 'a word';
      throw datError(this.#file, this.#line, `${what} runs on for more than ${MAX_PENDING_CHARS / (1024 * 1024)} MiB without closing (not a ClrMamePro DAT)`);
    }
  }

  end(): void {
    this.#scan(this.#pending.take(), true);
    if (this.stopped) return;
    const open = this.#stack[0];
    if (open !== undefined) {
      throw datError(this.#file, this.#line, `unexpected end of file: "${open.name} (" from line ${open.line} is not closed`);
    }
    if (this.#blockName !== undefined) throw datError(this.#file, this.#line, `expected "(" after "${this.#blockName}"`);
    this.#sendHeader({});
  }

  /** Tokenizes complete tokens; returns where an incomplete one begins. */
  #scan(buf: string, final: boolean): number {
    const length = buf.length;
    let i = 0;
    while (i < length && !this.stopped) {
      const c = buf.charCodeAt(i);
      if (isSpace(c)) {
        if (c === 10) this.#line++;
        i++;
      } else if (c === 40 /* ( */) {
        this.#open();
        i++;
      } else if (c === 41 /* ) */) {
        this.#close();
        i++;
      } else if (c === 34 /* " */) {
        const doubled = this.#doubledQuote(buf, i, final);
        if (doubled === 'more') return i;
        if (doubled !== undefined) {
          i = doubled;
          continue;
        }
        let j = i + 1;
        let value = '';
        let from = j;
        let closed = false;
        while (j < length) {
          const d = buf.charCodeAt(j);
          if (d === 34) {
            closed = true;
            break;
          }
          if (d === 92 /* \ */ && j + 1 < length) {
            const next = buf.charCodeAt(j + 1);
            if (next === 34 || next === 92) {
              value += buf.slice(from, j);
              from = j + 1;
              j += 2;
              continue;
            }
          }
          j++;
        }
        if (!closed) {
          if (!final) return i;
          throw datError(this.#file, this.#line, 'a quoted string is not closed before the end of the file');
        }
        value += buf.slice(from, j);
        const startLine = this.#line;
        for (let k = value.indexOf('\n'); k !== -1; k = value.indexOf('\n', k + 1)) this.#line++;
        this.#value(value, startLine);
        i = j + 1;
      } else {
        // A bare word: ends at whitespace or at an unbalanced ')'. In a value, a '(' followed by text
        // is part of it (`Farm(v1.0)`); keys and block names never hold one (`game(name x)`).
        const top = this.#stack[this.#stack.length - 1];
        const isKey = top === undefined || top.key === undefined;
        let j = i;
        let depth = 0;
        while (j < length) {
          const d = buf.charCodeAt(j);
          if (isSpace(d)) break;
          if (d === 40) {
            if (j === i || isKey) break;
            if (j + 1 >= length) {
              if (!final) return i;
              break;
            }
            if (isSpace(buf.charCodeAt(j + 1))) break;
            depth++;
          } else if (d === 41) {
            if (depth === 0) break;
            depth--;
          }
          j++;
        }
        if (j >= length && !final) return i;
        this.#value(buf.slice(i, j), this.#line);
        i = j;
      }
    }
    return i;
  }

  /**
   * A value written as `""Tunnel Terror" …"` (libretro-database's Arduboy DAT, a quote doubled by
   * mistake) would read as an empty string followed by stray words. Read it as the author meant —
   * the text from the doubled quote up to the line's last quote, starting with a quote — and warn
   * with file:line, as other readers of these DATs tolerate it. `""` before a space or `)` is a
   * real empty string. Returns where scanning goes on, 'more' when the line is not all here yet.
   */
  #doubledQuote(buf: string, i: number, final: boolean): number | 'more' | undefined {
    const top = this.#stack[this.#stack.length - 1];
    if (top === undefined || top.key === undefined) return undefined;
    if (i + 2 >= buf.length) return final ? undefined : 'more';
    const next = buf.charCodeAt(i + 1);
    const after = buf.charCodeAt(i + 2);
    if (next !== 34 || isSpace(after) || after === 41 || after === 40 || after === 34) return undefined;
    const newline = buf.indexOf('\n', i);
    if (newline === -1 && !final) return 'more';
    const lineEnd = newline === -1 ? buf.length : newline;
    const rest = buf.slice(i + 2, lineEnd);
    const last = rest.lastIndexOf('"');
    const text = last === -1 ? rest.trimEnd() : rest.slice(0, last);
    const value = `"${text}`;
    this.#sink.warning?.(`${this.#file}, line ${this.#line}: "${top.key}" starts with a doubled quote; read as ${JSON.stringify(value)}`);
    this.#value(value, this.#line);
    return last === -1 ? lineEnd : i + 2 + last + 1;
  }

  #value(token: string, line: number): void {
    const frame = this.#stack[this.#stack.length - 1];
    if (frame === undefined) {
      if (this.#blockName !== undefined) throw datError(this.#file, line, `expected "(" after "${this.#blockName}", found "${token}"`);
      this.#blockName = token;
      return;
    }
    if (frame.key === undefined) {
      frame.key = token.toLowerCase();
    } else {
      if (!frame.fields.has(frame.key)) frame.fields.set(frame.key, token);
      frame.key = undefined;
    }
  }

  #open(): void {
    const parent = this.#stack[this.#stack.length - 1];
    let name: string;
    if (parent === undefined) {
      if (this.#blockName === undefined) throw datError(this.#file, this.#line, 'unexpected "(" (expected a block name such as "game")');
      name = this.#blockName.toLowerCase();
      this.#blockName = undefined;
    } else {
      if (parent.key === undefined) throw datError(this.#file, this.#line, `unexpected "(" inside "${parent.name}" (expected a key)`);
      name = parent.key;
      parent.key = undefined;
    }
    this.#stack.push({ name, fields: new Map(), roms: [], disks: [], key: undefined, line: this.#line });
  }

  #close(): void {
    const frame = this.#stack.pop();
    if (frame === undefined) throw datError(this.#file, this.#line, 'unexpected ")" outside any block');
    const parent = this.#stack[this.#stack.length - 1];
    if (parent !== undefined) {
      // Only a game's direct rom and disk blocks are data; other nested blocks are skipped.
      if (this.#stack.length !== 1 || !gameBlocks.has(parent.name)) return;
      if (frame.name === 'rom') parent.roms.push(toRom(frame.fields));
      else if (frame.name === 'disk') parent.disks.push(toDisk(frame.fields));
      return;
    }
    if (frame.name === 'clrmamepro') {
      const header: DatHeader = {};
      for (const key of headerKeys) {
        const value = frame.fields.get(key);
        if (value !== undefined) header[key] = value;
      }
      this.#sendHeader(header);
    } else if (gameBlocks.has(frame.name)) {
      this.#sendHeader({});
      if (this.stopped) return;
      const f = frame.fields;
      const game: DatGame = {
        name: f.get('name') ?? '',
        description: orNull(f.get('description')),
        year: orNull(f.get('year')),
        manufacturer: orNull(f.get('manufacturer')),
        cloneOf: orNull(f.get('cloneof')),
        romOf: orNull(f.get('romof')),
        isBios: frame.name === 'resource',
        isDevice: false,
        roms: frame.roms,
        disks: frame.disks,
      };
      if (this.#sink.game(game) === false) this.stopped = true;
    }
  }

  #sendHeader(header: DatHeader): void {
    if (this.#headerSent) return;
    this.#headerSent = true;
    if (this.#sink.header('clrmamepro', header) === false) this.stopped = true;
  }
}

function toRom(f: Map<string, string>): DatRom {
  return {
    name: f.get('name') ?? '',
    size: parseSize(f.get('size')),
    crc: orNull(f.get('crc')),
    md5: orNull(f.get('md5')),
    sha1: orNull(f.get('sha1')),
    sha256: orNull(f.get('sha256')),
    // ClrMamePro writes `flags nodump`; some converters write `status`.
    status: orNull(f.get('status') ?? f.get('flags')),
    merge: orNull(f.get('merge')),
    serial: orNull(f.get('serial')),
  };
}

function toDisk(f: Map<string, string>): DatDisk {
  return {
    name: f.get('name') ?? '',
    md5: orNull(f.get('md5')),
    sha1: orNull(f.get('sha1')),
    status: orNull(f.get('status') ?? f.get('flags')),
    merge: orNull(f.get('merge')),
  };
}

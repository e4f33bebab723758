import { countNewlines, datError } from './dat-error.js';
import { MAX_PENDING_CHARS, PendingInput } from './pending-input.js';
import { decodeEntities, EntityLimitError, EntityTable, readEntityDeclarations } from './xml-entities.js';

/** What the scanner reports. Attributes arrive raw: consumers decode only the elements they keep. */
export interface XmlEvents {
  open(name: string, rawAttributes: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Decoded character data; only delivered while `wantText` is set. */
  text(text: string): void;
}

/** XML name start: a letter, '_', ':' or any non-ASCII character. */
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0x80;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/**
 * A small streaming XML tokenizer for DATs, fed decoded text chunks. It finds markup with
 * `indexOf` instead of a per-character state machine (see README: faster than saxes on ListXML),
 * checks nesting, tolerates what published DATs contain (stray `&`, DOCTYPE internal subsets,
 * comments and processing instructions anywhere) and leaves attribute parsing to the consumer.
 */
export class XmlScanner {
  /** Set by the consumer while it wants an element's text. */
  wantText = false;
  /** Set by the consumer to stop at the next tag (the header was all it needed). */
  stopped = false;
  readonly entities = new EntityTable();
  readonly #events: XmlEvents;
  readonly #file: string;
  readonly #stack: string[] = [];
  /** The text being scanned right now (for line numbers). */
  #buffer = '';
  readonly #pending = new PendingInput(MAX_PENDING_CHARS);
  #linesBefore = 0;
  #sawRoot = false;
  #tagStart = 0;

  constructor(events: XmlEvents, file: string) {
    this.#events = events;
    this.#file = file;
  }

  get depth(): number {
    return this.#stack.length;
  }

  /** The line of a position in the current buffer, for error messages. */
  lineAt(index: number): number {
    return this.#linesBefore + countNewlines(this.#buffer, 0, Math.min(index, this.#buffer.length)) + 1;
  }

  /** The line of the tag being reported right now. */
  currentLine(): number {
    return this.lineAt(this.#tagStart);
  }

  #fail(index: number, cause: string): never {
    throw datError(this.#file, this.lineAt(index), cause);
  }

  write(chunk: string): void {
    this.entities.inputChars += chunk.length;
    const buf = this.#pending.add(chunk);
    if (buf === undefined) return;
    this.#buffer = buf;
    const pos = this.#scanBounded(buf, false);
    this.#linesBefore += countNewlines(buf, 0, pos);
    const rest = buf.slice(pos);
    this.#buffer = '';
    if (!this.#pending.keep(rest)) {
      this.#buffer = rest;
      this.#fail(0, `markup is not closed within ${MAX_PENDING_CHARS / (1024 * 1024)} MiB (not well-formed XML)`);
    }
  }

  end(): void {
    const buf = this.#pending.take();
    this.#buffer = buf;
    const pos = this.#scanBounded(buf, true);
    if (this.stopped) return;
    if (pos < buf.length && buf.slice(pos).trim() !== '') this.#fail(pos, 'unexpected end of file inside markup');
    if (this.#stack.length > 0) {
      this.#fail(buf.length, `unexpected end of file: <${this.#stack[this.#stack.length - 1]}> is not closed`);
    }
    if (!this.#sawRoot) this.#fail(buf.length, 'no XML element found');
  }

  /** #scan, with an entity bomb reported at the markup or text that set it off. */
  #scanBounded(buf: string, final: boolean): number {
    try {
      return this.#scan(buf, final);
    } catch (error) {
      if (error instanceof EntityLimitError) this.#fail(this.#tagStart, error.message);
      throw error;
    }
  }

  /** Scans complete markup from the buffer; returns where the unconsumed rest begins. */
  #scan(buf: string, final: boolean): number {
    const events = this.#events;
    const stack = this.#stack;
    const length = buf.length;
    let pos = 0;
    while (!this.stopped) {
      const lt = buf.indexOf('<', pos);
      // Text running to the end of the chunk waits for the next one while it is wanted, so that a
      // reference split across chunks ("&am" + "p;") is decoded whole.
      if (lt === -1 && this.wantText && !final) break;
      const textEnd = lt === -1 ? length : lt;
      if (textEnd > pos) {
        if (this.wantText) {
          this.#tagStart = pos;
          events.text(decodeEntities(buf.slice(pos, textEnd), this.entities));
        }
        else if (stack.length === 0 && this.#sawRoot === false && buf.slice(pos, textEnd).trim() !== '') {
          this.#fail(pos, 'text before the root element (not an XML DAT)');
        }
        pos = textEnd;
      }
      if (lt === -1) break;
      const c = buf.charCodeAt(lt + 1);
      if (Number.isNaN(c)) break;
      if (c === 47 /* / */) {
        const gt = buf.indexOf('>', lt + 2);
        if (gt === -1) break;
        const name = buf.slice(lt + 2, gt).trimEnd();
        const open = stack.pop();
        if (open !== name) {
          this.#fail(lt, open === undefined ? `unexpected </${name}>` : `expected </${open}>, found </${name}>`);
        }
        pos = gt + 1;
        this.#tagStart = lt;
        events.close(name);
      } else if (c === 33 /* ! */) {
        if (buf.startsWith('--', lt + 2)) {
          const end = buf.indexOf('-->', lt + 4);
          if (end === -1) break;
          pos = end + 3;
        } else if (buf.startsWith('[CDATA[', lt + 2)) {
          const end = buf.indexOf(']]>', lt + 9);
          if (end === -1) break;
          if (this.wantText) events.text(buf.slice(lt + 9, end));
          pos = end + 3;
        } else if (length - lt < 9 && !final) {
          break;
        } else if (buf.slice(lt + 2, lt + 9).toUpperCase() === 'DOCTYPE') {
          const end = this.#doctypeEnd(buf, lt + 9);
          if (end === -1) break;
          pos = end + 1;
        } else {
          this.#fail(lt, `unexpected markup "${buf.slice(lt, lt + 12)}"`);
        }
      } else if (c === 63 /* ? */) {
        const end = buf.indexOf('?>', lt + 2);
        if (end === -1) break;
        pos = end + 2;
      } else {
        // A start tag: find its '>' outside quoted attribute values (which may contain '>').
        let i = lt + 1;
        let ch = c;
        while (i < length && !isSpace(ch) && ch !== 62 && ch !== 47) ch = buf.charCodeAt(++i);
        const nameEnd = i;
        let gt = -1;
        while (i < length) {
          ch = buf.charCodeAt(i);
          if (ch === 62) {
            gt = i;
            break;
          }
          if (ch === 34 || ch === 39) {
            const close = buf.indexOf(ch === 34 ? '"' : "'", i + 1);
            if (close === -1) {
              i = length;
              break;
            }
            i = close;
          } else if (ch === 60) {
            this.#fail(lt, 'a tag is not closed before the next "<"');
          }
          i++;
        }
        if (gt === -1) break;
        const name = buf.slice(lt + 1, nameEnd);
        if (!isNameStart(c)) this.#fail(lt, `invalid tag "${buf.slice(lt, Math.min(gt + 1, lt + 20))}"`);
        if (stack.length === 0 && this.#sawRoot) this.#fail(lt, `a second root element <${name}>`);
        const selfClosing = buf.charCodeAt(gt - 1) === 47;
        pos = gt + 1;
        this.#tagStart = lt;
        this.#sawRoot = true;
        // During open() the depth is the element's own level (root = 1); during close() its parent's.
        stack.push(name);
        events.open(name, buf.slice(nameEnd, selfClosing ? gt - 1 : gt), selfClosing);
        if (selfClosing) {
          stack.pop();
          events.close(name);
        }
      }
    }
    return pos;
  }

  /** The index of a DOCTYPE's closing '>', past any internal subset; -1 when it is not all here. */
  #doctypeEnd(buf: string, from: number): number {
    let i = from;
    let subsetStart = -1;
    while (i < buf.length) {
      const ch = buf.charCodeAt(i);
      if (ch === 34 || ch === 39) {
        const close = buf.indexOf(ch === 34 ? '"' : "'", i + 1);
        if (close === -1) return -1;
        i = close;
      } else if (subsetStart === -1 && ch === 91 /* [ */) {
        subsetStart = i + 1;
      } else if (subsetStart !== -1 && ch === 60 && buf.startsWith('<!--', i)) {
        const close = buf.indexOf('-->', i + 4);
        if (close === -1) return -1;
        i = close + 2;
      } else if (subsetStart !== -1 && ch === 93 /* ] */) {
        this.#tagStart = from;
        readEntityDeclarations(buf.slice(subsetStart, i), this.entities);
        subsetStart = -2;
      } else if (ch === 62 && subsetStart < 0) {
        return i;
      }
      i++;
    }
    return -1;
  }
}

/**
 * Input a tokenizer could not consume yet (a token running past the chunk), joined with the next
 * chunks. It is handed back for another scan only once it has doubled, so a token that runs on for
 * megabytes (an unclosed quote or comment) is rescanned O(log n) times, not once per chunk: linear
 * time on every input. Beyond `limit` characters the caller fails the file (the pending-text limit).
 */
export class PendingInput {
  readonly limit: number;
  #parts: string[] = [];
  #length = 0;
  #rescanAt = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Adds a chunk; returns the text to scan now, or undefined while the pending token waits for more. */
  add(chunk: string): string | undefined {
    this.#parts.push(chunk);
    this.#length += chunk.length;
    if (this.#length < this.#rescanAt && this.#length <= this.limit) return undefined;
    return this.take();
  }

  /** Everything held (at the end of the input). */
  take(): string {
    const text = this.#parts.length === 1 ? this.#parts[0]! : this.#parts.join('');
    this.#parts = [];
    this.#length = 0;
    this.#rescanAt = 0;
    return text;
  }

  /** Keeps what a scan left unconsumed; false when it is over the limit. */
  keep(rest: string): boolean {
    if (rest.length > this.limit) return false;
    if (rest !== '') {
      this.#parts = [rest];
      this.#length = rest.length;
      this.#rescanAt = rest.length * 2;
    }
    return true;
  }
}

/** Markup or a token that has not closed after this many characters is not a DAT we can stream. */
export const MAX_PENDING_CHARS = 16 * 1024 * 1024;

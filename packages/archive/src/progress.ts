/** What extractArchive reports while it works. */
export interface ExtractProgress {
  entries: number;
  totalEntries: number;
  bytes: number;
  totalBytes: number;
  /** The entry being written (or just finished). */
  entry: string;
}

/** Counts entries and bytes written and forwards them to the caller's callback. */
export class ProgressTracker {
  #entries = 0;
  #bytes = 0;
  readonly #totalEntries: number;
  readonly #totalBytes: number;
  readonly #onProgress: ((p: ExtractProgress) => void) | undefined;

  constructor(totalEntries: number, totalBytes: number, onProgress: ((p: ExtractProgress) => void) | undefined) {
    this.#totalEntries = totalEntries;
    this.#totalBytes = totalBytes;
    this.#onProgress = onProgress;
  }

  get bytes(): number {
    return this.#bytes;
  }

  bytesWritten(entry: string, bytes: number): void {
    this.#bytes += bytes;
    this.#emit(entry);
  }

  /** Counts one entry as done; `bytesSoFar` sets the byte count outright (7z reports whole entries). */
  entryDone(entry: string, bytesSoFar?: number): void {
    this.#entries += 1;
    if (bytesSoFar !== undefined) this.#bytes = bytesSoFar;
    this.#emit(entry);
  }

  /** Sets the byte count outright (7z reports whole entries, not chunks). */
  setBytes(entry: string, bytes: number): void {
    this.#bytes = bytes;
    this.#emit(entry);
  }

  #emit(entry: string): void {
    this.#onProgress?.({
      entries: this.#entries,
      totalEntries: this.#totalEntries,
      bytes: this.#bytes,
      totalBytes: this.#totalBytes,
      entry,
    });
  }
}

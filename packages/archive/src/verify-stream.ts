import { Transform, type TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';

export interface VerifyExpectations {
  /** Exact uncompressed size the directory promised. */
  size: number;
  /** CRC-32 to match at the end; undefined to skip (7z checks its own). */
  crc32?: number;
  /** Called with a description of the problem; must return the Error to emit. */
  fail: (cause: string) => Error;
  /** Told the size of every chunk that passed (progress). */
  onBytes?: ((bytes: number) => void) | undefined;
}

/**
 * Passes bytes through while counting them and running CRC-32 (yauzl checks neither when handing
 * out raw data). Stops as soon as an entry grows past its declared size, so a lying header cannot
 * inflate past the limits that were checked against it.
 */
export class VerifyStream extends Transform {
  #bytes = 0;
  #crc = 0;
  readonly #expect: VerifyExpectations;

  constructor(expect: VerifyExpectations) {
    super({ highWaterMark: 1 << 20 });
    this.#expect = expect;
  }

  get bytes(): number {
    return this.#bytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#bytes += chunk.length;
    if (this.#bytes > this.#expect.size) {
      callback(this.#expect.fail(`holds more data than its declared ${this.#expect.size} bytes (corrupt or a zip bomb)`));
      return;
    }
    if (this.#expect.crc32 !== undefined) this.#crc = crc32(chunk, this.#crc);
    this.#expect.onBytes?.(chunk.length);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.#bytes !== this.#expect.size) {
      callback(this.#expect.fail(`ended after ${this.#bytes} of ${this.#expect.size} bytes (truncated or corrupt)`));
      return;
    }
    if (this.#expect.crc32 !== undefined && this.#crc >>> 0 !== this.#expect.crc32 >>> 0) {
      const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
      callback(this.#expect.fail(`CRC-32 mismatch (expected ${hex(this.#expect.crc32)}, got ${hex(this.#crc)}): corrupt data`));
      return;
    }
    callback();
  }
}

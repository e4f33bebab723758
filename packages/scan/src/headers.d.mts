export type HeaderKind = 'ines' | 'fds' | 'a7800' | 'lynx';

export interface HeaderRule {
  readonly kind: HeaderKind;
  /** The header's length: what is skipped before the headerless hashes start. */
  readonly size: number;
  readonly offset: number;
  readonly magic: Buffer;
}

export declare const HEADER_RULES: readonly HeaderRule[];
export declare const HEADER_PROBE_BYTES: number;
export declare function detectHeader(start: Buffer, size: number): HeaderRule | null;

import { describe, expect, it } from 'vitest';
import { filenameFromContentDisposition } from './content-disposition.js';

describe('filenameFromContentDisposition', () => {
  it('reads quoted, plain and RFC 5987 names', () => {
    expect(
      filenameFromContentDisposition('attachment; filename="Sony - PlayStation - Datfile (10921) (2026-11-20 01-23-45).zip"'),
    ).toBe('Sony - PlayStation - Datfile (10921) (2026-11-20 01-23-45).zip');
    expect(filenameFromContentDisposition('attachment; filename=pack.zip')).toBe('pack.zip');
    expect(
      filenameFromContentDisposition(`attachment; filename="fallback.zip"; filename*=UTF-8''No-Intro%20Love%20Pack.zip`),
    ).toBe('No-Intro Love Pack.zip');
  });

  it('never returns a path', () => {
    expect(filenameFromContentDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(filenameFromContentDisposition('attachment; filename=".."')).toBeUndefined();
    expect(filenameFromContentDisposition(undefined)).toBeUndefined();
    expect(filenameFromContentDisposition('inline')).toBeUndefined();
  });
});

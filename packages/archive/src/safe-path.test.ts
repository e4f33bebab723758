import { describe, expect, it } from 'vitest';
import { toSafeRelativePath } from './safe-path.js';

describe('toSafeRelativePath', () => {
  it('keeps ordinary nested names, normalising separators and dot segments', () => {
    expect(toSafeRelativePath('TOSEC/Atari/2600.dat')).toEqual({ ok: true, path: 'TOSEC/Atari/2600.dat' });
    expect(toSafeRelativePath('a\\b\\c.dat')).toEqual({ ok: true, path: 'a/b/c.dat' });
    expect(toSafeRelativePath('./a//b/./c.dat')).toEqual({ ok: true, path: 'a/b/c.dat' });
    expect(toSafeRelativePath('dir/')).toEqual({ ok: true, path: 'dir' });
    expect(toSafeRelativePath('..name/x..y')).toEqual({ ok: true, path: '..name/x..y' });
  });

  it('refuses everything that could leave the destination', () => {
    expect(toSafeRelativePath('../x')).toMatchObject({ ok: false, reason: expect.stringMatching(/outside/) as string });
    expect(toSafeRelativePath('a/../../x')).toMatchObject({ ok: false });
    expect(toSafeRelativePath('a/..')).toMatchObject({ ok: false });
    expect(toSafeRelativePath('..\\x')).toMatchObject({ ok: false });
    expect(toSafeRelativePath('/etc/passwd')).toMatchObject({ ok: false, reason: 'absolute path' });
    expect(toSafeRelativePath('\\\\server\\share\\x')).toMatchObject({ ok: false, reason: 'absolute path' });
    expect(toSafeRelativePath('C:\\Windows\\x')).toMatchObject({ ok: false, reason: 'absolute path with a drive letter' });
    expect(toSafeRelativePath('c:x')).toMatchObject({ ok: false });
    expect(toSafeRelativePath('a\0b')).toMatchObject({ ok: false });
    expect(toSafeRelativePath('./')).toMatchObject({ ok: false, reason: 'empty path' });
  });
});

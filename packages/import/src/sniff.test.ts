import { DatFormatError } from './errors.js';
import { describe, expect, it } from 'vitest';
import { sniff } from './sniff.js';
import { useTempDir, writeDat } from './test-support/temp.js';

const tempDir = useTempDir();

async function sniffError(content: string | Uint8Array, name = 'bad.dat'): Promise<DatFormatError> {
  const file = writeDat(tempDir(), name, content);
  const error = await sniff(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatFormatError);
  expect((error as DatFormatError).file).toBe(file);
  expect((error as Error).message).toContain(file);
  expect((error as Error).message).not.toContain('\n');
  return error as DatFormatError;
}

describe('sniff', () => {
  it('recognises Logiqx after a BOM, blank lines and comments before <?xml', async () => {
    const file = writeDat(
      tempDir(),
      'a.dat',
      '\uFEFF\r\n\r\n<!-- made by hand -->\r\n<?xml version="1.0"?>\r\n<!DOCTYPE datafile [ <!ATTLIST rom status CDATA "good"> ]>\r\n' +
        '<datafile><header><name>Sys &amp; Co</name><description>D</description><version>1.2</version>' +
        '<date>2026-01-01</date><author>me</author><category>Games</category></header>' +
        '<game name="g"><rom name="r" size="1" crc="0"/></game></datafile>',
    );
    expect(await sniff(file)).toEqual({
      format: 'logiqx',
      header: { name: 'Sys & Co', description: 'D', version: '1.2', date: '2026-01-01', author: 'me', category: 'Games' },
    });
  });

  it('recognises <machine> entries inside <datafile> as Logiqx', async () => {
    const file = writeDat(tempDir(), 'm.dat', '<datafile><machine name="x"><rom name="a" size="1"/></machine></datafile>');
    expect(await sniff(file)).toEqual({ format: 'logiqx', header: {} });
  });

  it('recognises MAME ListXML and takes the build as version', async () => {
    const file = writeDat(tempDir(), 'mame.xml', '<?xml version="1.0"?>\n<mame build="0.289 (mame0289)" debug="no">\n<machine name="a"/></mame>\n');
    expect(await sniff(file)).toEqual({
      format: 'listxml',
      header: { name: 'MAME', description: 'MAME 0.289 (mame0289)', version: '0.289 (mame0289)' },
    });
  });

  it('recognises ClrMamePro with a header or a leading game block', async () => {
    const withHeader = writeDat(tempDir(), 'c.dat', 'clrmamepro (\r\n\tname "Atari - 7800"\r\n\tversion 2026.08.01\r\n)\r\ngame ( name x )');
    expect(await sniff(withHeader)).toEqual({ format: 'clrmamepro', header: { name: 'Atari - 7800', version: '2026.08.01' } });
    const noHeader = writeDat(tempDir(), 'g.dat', '\n\ngame (\n name "x"\n rom ( name y size 1 )\n)\n');
    expect(await sniff(noHeader)).toEqual({ format: 'clrmamepro', header: {} });
  });

  it('reads only the start of a big file', async () => {
    const games = '<game name="g"><rom name="r" size="1"/></game>\n'.repeat(200_000);
    const file = writeDat(tempDir(), 'big.dat', `<datafile><header><name>Big</name></header>${games}</datafile>`);
    expect((await sniff(file)).header.name).toBe('Big');
    // A broken end does not matter to sniff: it never gets there.
    const broken = writeDat(tempDir(), 'broken-end.dat', `<datafile><header><name>B</name></header>${games}<game`);
    expect((await sniff(broken)).header.name).toBe('B');
  });

  it('rejects what is not a DAT, with the reason', async () => {
    expect((await sniffError('')).message).toContain('the file is empty');
    expect((await sniffError(new Uint8Array([0x50, 0x4b, 3, 4, 20, 0, 0, 0]))).message).toContain('zip archive');
    expect((await sniffError('<!DOCTYPE html>\n<html><body>login</body></html>')).message).toMatch(
      /line 2: not a DAT: the root element is <html>/,
    );
    expect((await sniffError('hello world\n')).message).toContain('not a DAT: it starts with "hello world');
    expect((await sniffError('<softwarelist name="x"></softwarelist>')).message).toContain('<softwarelist>');
  });

  it('reports a broken header with its line', async () => {
    const error = await sniffError('<datafile>\n<header>\n<name>x</nam>\n</header></datafile>');
    expect(error.line).toBe(3);
    expect(error.message).toContain('expected </name>, found </nam>');
  });

  it('names a missing file', async () => {
    const error = await sniff('/nonexistent/x.dat').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatFormatError);
    expect((error as Error).message).toMatch(/^\/nonexistent\/x\.dat: cannot read/);
  });
});

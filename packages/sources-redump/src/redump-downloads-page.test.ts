import { parseHtmlPage } from '@rommer/core/html';
import { UpstreamChangedError } from '@rommer/core';
import { describe, expect, it } from 'vitest';
import { datfileDate } from './redump-datfile-name.js';
import { listDatfileLinks, selectSystems } from './redump-downloads-page.js';

// The shape of redump.info's downloads table (superg/vgindex templates/downloads.html).
const newSite = `<table class="striped downloads-table"><tbody>
<tr><td>Sony - PlayStation</td><td class="download-links-cell"><a href="/datfile/PSX">Dat</a> <a href="/cues/PSX">Cuesheets</a> <a href="/sbi/PSX">SBI</a></td></tr>
<tr><td>Sega - Saturn</td><td class="download-links-cell"><a href="/datfile/SS">Dat</a> <a href="/cues/SS">Cuesheets</a></td></tr>
</tbody></table>
<div style="display:none"><a href="/datfile/TRAP">Dat</a></div>`;

describe('the Redump downloads page', () => {
  it('lists datfile links as redump.info gives them (no slash, upper case), with row names', () => {
    const links = listDatfileLinks(parseHtmlPage(newSite, 'https://redump.info/downloads/'));
    expect(links).toEqual([
      { code: 'PSX', name: 'Sony - PlayStation', url: 'https://redump.info/datfile/PSX' },
      { code: 'SS', name: 'Sega - Saturn', url: 'https://redump.info/datfile/SS' },
    ]);
  });

  it('accepts the old site links (/datfile/psx/) and follows them as written', () => {
    const links = listDatfileLinks(
      parseHtmlPage('<ul><li><a href="/datfile/psx/">PSX</a></li><li><a href="/datfile/ps2/">PS2</a></li></ul>', 'http://redump.org/downloads/'),
    );
    expect(links.map((l) => l.url)).toEqual(['http://redump.org/datfile/psx/', 'http://redump.org/datfile/ps2/']);
    expect(links[0]!.name).toBe('psx');
  });

  it('narrows to the configured systems in any case and reports unknown ones', () => {
    const links = listDatfileLinks(parseHtmlPage(newSite, 'https://redump.info/downloads/'));
    const { selected, unknown } = selectSystems(links, ['psx', 'gc']);
    expect(selected.map((l) => l.code)).toEqual(['PSX']);
    expect(unknown).toEqual(['gc']);
    expect(selectSystems(links, []).selected).toHaveLength(2);
  });

  it('says the layout changed when there are no datfile links', () => {
    expect(() => listDatfileLinks(parseHtmlPage('<button>Download</button>', 'https://redump.info/downloads/'))).toThrow(
      new UpstreamChangedError('Redump page layout changed: no /datfile/ links found on https://redump.info/downloads/'),
    );
  });

  it('reads the date in a datfile zip name', () => {
    expect(datfileDate('Sony - PlayStation - Datfile (10921) (2026-11-20 01-23-45).zip')).toBe('2026-11-20 01-23-45');
    expect(datfileDate('Sony - PlayStation.zip')).toBeUndefined();
  });
});

import { UpstreamChangedError } from '@rommer/core';
import { describe, expect, it } from 'vitest';
import { parseProfileXml, profileChanges } from './profile-xml.js';

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<clrmamepro>
\t<datfile>
\t\t<name>Nintendo - Game Boy</name>
\t\t<description>Nintendo - Game Boy</description>
\t\t<version>20240317-134803</version>
\t\t<author>No-Intro</author>
\t\t<comment>No-Intro</comment>
\t\t<url>https://datomatic.no-intro.org/index.php?page=download&amp;s=46</url>
\t</datfile>
\t<datfile><name>Sega - Mega Drive &amp; Genesis</name><version>20240301-000000</version></datfile>
</clrmamepro>`;

describe('profile.xml', () => {
  it('reads every datfile name and version, entities decoded', () => {
    expect(parseProfileXml(xml, 'p')).toEqual([
      { name: 'Nintendo - Game Boy', version: '20240317-134803' },
      { name: 'Sega - Mega Drive & Genesis', version: '20240301-000000' },
    ]);
  });

  it('refuses another shape: an HTML page, no datfile, a version that is no stamp', () => {
    expect(() => parseProfileXml('<html><body>Login</body></html>', 'p')).toThrow(UpstreamChangedError);
    expect(() => parseProfileXml('<clrmamepro></clrmamepro>', 'p')).toThrow('no-intro: p lists no <datfile>');
    expect(() => parseProfileXml('<clrmamepro><datfile><name>X</name><version>1.0</version></datfile></clrmamepro>', 'p')).toThrow(
      'no-intro: p changed shape (a <datfile> without a name or a YYYYMMDD-HHMMSS version: "X" "1.0")',
    );
  });

  it('counts held systems whose version moved, and new DATs only against a recorded profile', () => {
    const entries = parseProfileXml(xml, 'p');
    const systems = { 'No-Intro/Nintendo - Game Boy': '20240301-000000', 'No-Intro/Sega - Mega Drive & Genesis': '20240301-000000' };
    expect(profileChanges(entries, { systems })).toEqual([{ item: 'Nintendo - Game Boy', from: '20240301-000000', to: '20240317-134803' }]);
    // Against the profile recorded at the last fetch: unchanged there means no change, a new name is one.
    expect(profileChanges(entries, { systems, profile: { 'Nintendo - Game Boy': '20240317-134803' } })).toEqual([]);
    const onlyGameBoy = { 'No-Intro/Nintendo - Game Boy': '20240301-000000' };
    expect(profileChanges(entries, { systems: onlyGameBoy, profile: { 'Nintendo - Game Boy': '20240317-134803' } })).toEqual([
      { item: 'Sega - Mega Drive & Genesis', from: null, to: '20240301-000000' },
    ]);
    // Without a recorded profile a DAT outside the held sets is ignored.
    expect(profileChanges(entries, { systems: { 'No-Intro/Nintendo - Game Boy': '20240317-134803' } })).toEqual([]);
  });
});

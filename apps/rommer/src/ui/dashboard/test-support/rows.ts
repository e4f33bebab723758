import type { SourceRow } from '../../../services/source-rows.js';

/** Rows like the registry's, with one source held and one that needs an account. */
export const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

export function sampleRows(): SourceRow[] {
  const base = { needsCredentials: false, heldVersion: null, lastUpdated: null, lastError: null };
  return [
    {
      ...base,
      id: 'opengood',
      title: 'OpenGood',
      enabled: true,
      transport: 'git',
      downloads: 'git repository, 51 Logiqx DATs',
      heldVersion: '3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e',
      lastUpdated: NOW / 1000 - 2 * 86_400,
    },
    { ...base, id: 'tosec', title: 'TOSEC', enabled: true, transport: 'http-pack', downloads: 'release pack, ~100 MB zip' },
    {
      ...base,
      id: 'redump',
      title: 'Redump',
      enabled: false,
      transport: 'http-files',
      downloads: 'one zipped DAT per system',
      needsCredentials: true,
    },
  ];
}

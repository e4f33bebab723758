// A DAT's identity across versions: its key path with the stamps that publishers put in file and
// folder names removed, so the next version of "the same DAT" is recognised though its name changed.

const STAMPS: RegExp[] = [
  // No-Intro: `Nintendo - Game Boy (20240317-134803).dat`
  / \(\d{8}-\d{6}\)/g,
  // Redump: `Sony - PlayStation - Datfile (10863) (2026-11-20 01-23-45).dat` (the count changes too)
  /(?: \(\d+\))? \(\d{4}-\d{2}-\d{2} \d{2}-\d{2}-\d{2}\)/g,
  // TOSEC: `Commodore Amiga - Games (TOSEC-v2025-01-30_CM).dat`
  / \(TOSEC-v\d{4}-\d{2}-\d{2}(?:_[A-Za-z0-9]+)?\)/g,
  // TOSEC's release folder: `tosec/TOSEC-v2025-01-30/TOSEC/…`
  /(^|\/)TOSEC-v\d{4}-\d{2}-\d{2}(?:_[A-Za-z0-9]+)?(?=\/)\//g,
];

/** The key path (see datKey) without date/version stamps: what links a DAT's versions. */
export function datIdentity(key: string): string {
  let identity = key;
  for (const stamp of STAMPS) identity = identity.replace(stamp, (_match, lead: unknown) => (typeof lead === 'string' ? lead : ''));
  return identity;
}

import { UpstreamChangedError, type VersionChange } from '@rommer/core';

/**
 * DAT-o-MATIC's clrmamepro WWW-profiler list, `profile.xml`: one `<datfile>` per DAT with its
 * current `<version>` (`20240317-134803`, the same stamp the DAT's file name carries). One GET of
 * it tells which systems changed without touching the daily form.
 */

export interface ProfileEntry {
  /** The DAT's name, as in its file name without the stamp: `Nintendo - Game Boy`. */
  name: string;
  /** `YYYYMMDD-HHMMSS` */
  version: string;
}

export function profileUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/profile.xml`;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&(?:#x([0-9a-f]+)|#(\d+)|(\w+));/gi, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
      if (dec !== undefined) return String.fromCodePoint(Number(dec));
      return entities[name!.toLowerCase()] ?? whole;
    })
    .trim();
}

function field(block: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'i').exec(block);
  return match === null ? undefined : decode(match[1]!);
}

/**
 * Reads the list, strictly: a `<clrmamepro>` root, at least one `<datfile>`, and a name and a
 * `YYYYMMDD-HHMMSS` version in every one. Anything else means the site changed what it serves
 * (a login page, an error page, another format): UpstreamChangedError, so the caller can fall back.
 */
export function parseProfileXml(xml: string, url: string): ProfileEntry[] {
  if (!/<clrmamepro(?:\s[^>]*)?>/i.test(xml)) {
    throw new UpstreamChangedError(`no-intro: ${url} is not a clrmamepro profile list (no <clrmamepro> root)`);
  }
  const entries: ProfileEntry[] = [];
  for (const match of xml.matchAll(/<datfile(?:\s[^>]*)?>([\s\S]*?)<\/datfile>/gi)) {
    const name = field(match[1]!, 'name');
    const version = field(match[1]!, 'version');
    if (name === undefined || name === '' || version === undefined || !/^\d{8}-\d{6}$/.test(version)) {
      throw new UpstreamChangedError(
        `no-intro: ${url} changed shape (a <datfile> without a name or a YYYYMMDD-HHMMSS version: ${JSON.stringify(name ?? '')} ${JSON.stringify(version ?? '')})`,
      );
    }
    entries.push({ name, version });
  }
  if (entries.length === 0) throw new UpstreamChangedError(`no-intro: ${url} lists no <datfile>`);
  return entries;
}

/** One system whose DAT would change: its name and the versions held and offered. */
export type SystemChange = VersionChange;

/**
 * Which held systems changed upstream. A held system counts when its profile version differs from
 * the one the profile showed when the held pack was fetched (so a DAT the daily pack still lags
 * behind on is not fetched again every run) or, without that record, from the stamp of the DAT
 * held. DATs outside the sets held are ignored (their changes are not in the user's pack), except
 * one new to the list since the recorded profile: it may belong to a held set.
 */
export function profileChanges(
  entries: readonly ProfileEntry[],
  baseline: { profile?: Record<string, string> | undefined; systems?: Record<string, string> | undefined },
): SystemChange[] {
  const held = new Map<string, string>();
  for (const [key, stamp] of Object.entries(baseline.systems ?? {})) held.set(key.split('/').pop() ?? key, stamp);
  const changes: SystemChange[] = [];
  for (const entry of entries) {
    const stamp = held.get(entry.name);
    if (stamp !== undefined) {
      const seen = baseline.profile?.[entry.name] ?? stamp;
      if (seen !== entry.version) changes.push({ item: entry.name, from: stamp === '' ? null : stamp, to: entry.version });
    } else if (baseline.profile !== undefined && !(entry.name in baseline.profile)) {
      changes.push({ item: entry.name, from: null, to: entry.version });
    }
  }
  return changes;
}

/** The profile as the ledger keeps it: name → version. */
export function profileVersions(entries: readonly ProfileEntry[]): Record<string, string> {
  return Object.fromEntries(entries.map((entry) => [entry.name, entry.version]));
}

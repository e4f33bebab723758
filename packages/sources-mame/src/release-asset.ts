import { UpstreamChangedError } from '@rommer/core';
import type { GitHubAsset, GitHubRelease } from '@rommer/core/github';

/** The ListXML asset of a MAME release: `mame0289lx.zip`. */
export const listXmlAssetPattern = /^mame\d+lx\.zip$/;

/** The one ListXML file inside that zip: `mame0289.xml`. */
export const listXmlEntryPattern = /^mame\d+\.xml$/;

/** Picks the ListXML asset, or says plainly that the release has none. */
export function pickListXmlAsset(release: GitHubRelease, repo: string): GitHubAsset {
  const asset = release.assets.find((a) => listXmlAssetPattern.test(a.name));
  if (asset === undefined) {
    const names = release.assets.map((a) => a.name).join(', ') || 'none';
    throw new UpstreamChangedError(
      `mame: release ${release.tag_name} of ${repo} has no mameNNNNlx.zip asset (assets: ${names})`,
    );
  }
  return asset;
}

/** The checksum list MAME releases carry (`sha256sum` output: `<hex>  <name>` per line). */
export const sha256SumsAssetName = 'SHA256SUMS';

/** The release's SHA256SUMS asset, when it has one. */
export function pickSha256Sums(release: GitHubRelease): GitHubAsset | undefined {
  return release.assets.find((a) => a.name === sha256SumsAssetName);
}

/** The sha256 SHA256SUMS lists for `name` (lower case), or undefined when it lists none. */
export function sha256FromSums(text: string, name: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    // `sha256sum` writes "<hex>  <name>", or "<hex> *<name>" in binary mode.
    const match = /^([0-9a-f]{64})\s+\*?(.+?)\s*$/i.exec(line.trim());
    if (match !== null && match[2] === name) return match[1]!.toLowerCase();
  }
  return undefined;
}

/** The details `check()` hands to `fetch()`. */
export interface MameReleaseDetails {
  tag: string;
  asset: GitHubAsset;
  /** The release's SHA256SUMS, when it carries one: the zip is verified against it. */
  sums?: GitHubAsset;
}

export function isMameReleaseDetails(value: unknown): value is MameReleaseDetails {
  const v = value as Partial<MameReleaseDetails> | null | undefined;
  return (
    typeof v?.tag === 'string' &&
    typeof v.asset?.name === 'string' &&
    typeof v.asset.browser_download_url === 'string'
  );
}

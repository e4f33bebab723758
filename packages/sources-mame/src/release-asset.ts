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

/** The details `check()` hands to `fetch()`. */
export interface MameReleaseDetails {
  tag: string;
  asset: GitHubAsset;
}

export function isMameReleaseDetails(value: unknown): value is MameReleaseDetails {
  const v = value as Partial<MameReleaseDetails> | null | undefined;
  return (
    typeof v?.tag === 'string' &&
    typeof v.asset?.name === 'string' &&
    typeof v.asset.browser_download_url === 'string'
  );
}

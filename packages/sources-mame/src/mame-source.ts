import fsp from 'node:fs/promises';
import path from 'node:path';
import { extractArchive } from '@rommer/archive';
import { hashFile } from '@rommer/core/files';
import { GitHubClient } from '@rommer/core/github';
import {
  UpstreamChangedError,
  type FetchContext,
  type FetchResult,
  type RemoteVersion,
  type SourceRunContext,
} from '@rommer/core';
import type { MameConfig } from './config.js';
import {
  isMameReleaseDetails,
  listXmlEntryPattern,
  pickListXmlAsset,
  pickSha256Sums,
  sha256FromSums,
  type MameReleaseDetails,
} from './release-asset.js';

// MAME's check and fetch: the latest GitHub release, its ListXML zip, verified and staged.

function warnUnusedUrl(ctx: SourceRunContext<MameConfig>): void {
  if (ctx.config.url !== undefined) {
    ctx.warn('mame: [sources.mame] url is not used; set [defaults] github_api to use a mirror');
  }
}

/** One API call: the latest release and its ListXML asset. The version is the tag (mame0289). */
export async function checkMame(ctx: SourceRunContext<MameConfig>): Promise<RemoteVersion> {
  warnUnusedUrl(ctx);
  const gh = GitHubClient.fromContext(ctx, 'mame');
  const release = await gh.latestRelease(ctx.config.repo);
  const asset = pickListXmlAsset(release, ctx.config.repo);
  const sums = pickSha256Sums(release);
  const details: MameReleaseDetails = { tag: release.tag_name, asset, ...(sums !== undefined ? { sums } : {}) };
  return {
    version: release.tag_name,
    files: [{ path: asset.name, size: asset.size, ...(asset.digest ? { hash: asset.digest } : {}) }],
    totalBytes: asset.size,
    url: asset.browser_download_url,
    details,
  };
}

/**
 * Downloads the release zip (following GitHub's redirect; the token is never sent there), checks
 * its size, GitHub's sha256 digest and, when the release carries one, its SHA256SUMS entry, and extracts the one `mameNNNN.xml` into staging by
 * streaming (it is ~330 MB). Staging starts empty, so the previous release's XML is dropped.
 */
export async function fetchMame(ctx: FetchContext<MameConfig>): Promise<FetchResult> {
  let details = ctx.remote.details;
  if (!isMameReleaseDetails(details)) {
    const release = await GitHubClient.fromContext(ctx, 'mame').latestRelease(ctx.config.repo);
    const sums = pickSha256Sums(release);
    details = {
      tag: release.tag_name,
      asset: pickListXmlAsset(release, ctx.config.repo),
      ...(sums !== undefined ? { sums } : {}),
    } satisfies MameReleaseDetails;
  }
  const { tag, asset, sums } = details as MameReleaseDetails;
  // The checksum list first (a few hundred bytes): a release whose list lacks the zip fails before ~50 MB move.
  let listed: string | undefined;
  if (sums !== undefined) {
    const text = (await ctx.http.getText(sums.browser_download_url, { signal: ctx.signal })).body;
    listed = sha256FromSums(text, asset.name);
    if (listed === undefined) {
      throw new UpstreamChangedError(`mame: the ${tag} release's ${sums.name} does not list ${asset.name}; rejected`);
    }
  }
  const zip = path.join(ctx.workDir, asset.name);
  const downloaded = await ctx.http.download(asset.browser_download_url, zip, {
    signal: ctx.signal,
    onProgress: ({ bytes, totalBytes }) =>
      ctx.progress({ phase: 'downloading', bytes, totalBytes: totalBytes ?? asset.size, item: asset.name }),
  });
  try {
    if (downloaded.bytes !== asset.size) {
      throw new UpstreamChangedError(
        `mame: ${asset.name} is ${downloaded.bytes} bytes but the ${tag} release lists ${asset.size}; rejected`,
      );
    }
    const digest = /^sha256:([0-9a-f]{64})$/i.exec(asset.digest ?? '')?.[1]?.toLowerCase();
    if (digest !== undefined || listed !== undefined) {
      ctx.progress({ phase: 'verifying', item: asset.name });
      const actual = await hashFile(zip, { algorithm: 'sha256', signal: ctx.signal });
      if (digest !== undefined && actual !== digest) {
        throw new UpstreamChangedError(
          `mame: ${asset.name} does not match the sha256 GitHub lists for ${tag} (${digest.slice(0, 12)}…, got ${actual.slice(0, 12)}…); rejected`,
        );
      }
      if (listed !== undefined && actual !== listed) {
        throw new UpstreamChangedError(
          `mame: ${asset.name} does not match the ${tag} release's SHA256SUMS (${listed.slice(0, 12)}…, got ${actual.slice(0, 12)}…); rejected`,
        );
      }
    }

    ctx.progress({ phase: 'extracting', item: asset.name });
    const extracted = await extractArchive(zip, ctx.stagingDir, {
      // Only the ListXML at the top of the zip; anything else in it is not ours to keep.
      filter: (entry) => !entry.isDirectory && listXmlEntryPattern.test(entry.name),
      signal: ctx.signal,
      onWarning: ctx.warn,
      onProgress: (p) =>
        ctx.progress({ phase: 'extracting', bytes: p.bytes, totalBytes: p.totalBytes, item: p.entry }),
    });
    if (extracted.files.length !== 1) {
      await Promise.all(extracted.files.map((f) => fsp.rm(path.join(ctx.stagingDir, f), { force: true })));
      throw new UpstreamChangedError(
        `mame: ${asset.name} holds ${extracted.files.length === 0 ? 'no' : extracted.files.length} mameNNNN.xml files; expected one`,
      );
    }
    const warnings: string[] = [];
    const xml = extracted.files[0]!;
    if (xml !== `${tag}.xml`)
      warnings.push(`mame: ${asset.name} holds ${xml}, not ${tag}.xml as the tag suggests`);
    return {
      files: [xml],
      changed: [xml],
      version: tag,
      transferredBytes: downloaded.transferredBytes,
      warnings,
    };
  } finally {
    // The zip is not part of the result; do not keep ~50 MB around until the orchestrator cleans up.
    await fsp.rm(zip, { force: true });
  }
}

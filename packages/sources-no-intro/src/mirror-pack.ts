import path from 'node:path';
import { filenameFromContentDisposition, type HttpClient } from '@rommer/core/http';
import { NetworkError, type ProgressUpdate } from '@rommer/core';
import { packDateFromName } from './pack-version.js';

/**
 * `mode = "mirror"`: a daily pack zip at a plain URL (a community mirror, the user's own copy).
 * The pack's name comes from Content-Disposition or the URL's last path segment; its date, when
 * the name carries one, is the version the check reports without downloading anything.
 */

export interface MirrorPackInfo {
  name: string | undefined;
  date: string | undefined;
  size: number | undefined;
}

function nameFromUrl(url: string): string | undefined {
  try {
    const last = new URL(url).pathname.split('/').pop();
    return last !== undefined && last !== '' ? decodeURIComponent(last) : undefined;
  } catch {
    return undefined;
  }
}

/** A HEAD of the mirror's pack; a server that refuses HEAD leaves the date unknown until the download. */
export async function checkMirrorPack(http: HttpClient, url: string, signal?: AbortSignal): Promise<MirrorPackInfo> {
  const response = await http.request(url, { method: 'HEAD', allowErrorStatus: true, ...(signal !== undefined ? { signal } : {}) });
  if (response.status === 404) {
    throw new NetworkError(`no-intro: the mirror has no pack at ${url} (HTTP 404); check mirror_url in [sources.no-intro]`, { status: 404 });
  }
  const ok = response.status < 400;
  const name = (ok ? filenameFromContentDisposition(response.headers['content-disposition']) : undefined) ?? nameFromUrl(response.url);
  const length = Number(response.headers['content-length']);
  return { name, date: name !== undefined ? packDateFromName(name) : undefined, size: ok && Number.isFinite(length) ? length : undefined };
}

/** Downloads the mirror's pack into `workDir` (resumable GET with the client's retries). */
export async function downloadMirrorPack(
  http: HttpClient,
  url: string,
  workDir: string,
  options: { signal?: AbortSignal; progress?: (update: ProgressUpdate) => void } = {},
): Promise<{ file: string; name: string; transferredBytes: number }> {
  const file = path.join(workDir, 'no-intro-mirror-pack.zip');
  const result = await http.download(url, file, {
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    onProgress: (p) => options.progress?.({ phase: 'downloading', bytes: p.bytes, ...(p.totalBytes !== undefined ? { totalBytes: p.totalBytes } : {}) }),
  });
  return { file, name: result.filename ?? nameFromUrl(result.url) ?? 'pack.zip', transferredBytes: result.transferredBytes };
}

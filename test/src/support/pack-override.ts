import type { Mirror, TosecSite } from '@rommer/mirror';

/**
 * Serves `bytes` as the pack of the TOSEC release dated `date`, in place of the site's own zip.
 * It is mounted on the release's category path, so the longer prefix wins; the category page
 * itself still falls through to the TOSEC imitation. With `pace.chunkDelayMs`, the body trickles out
 * in 64 KiB pieces (a slow but live server: the client's idle timeout never fires).
 */
export function overridePack(
  mirror: Mirror,
  site: TosecSite,
  date: string,
  bytes: () => Promise<Buffer> | Buffer,
  /** Read at each chunk, so a test can speed a trickle up mid-body. */
  pace: { chunkDelayMs: number } = { chunkDelayMs: 0 },
): void {
  const category = site.categories.find((c) => c.slug === date);
  if (category === undefined) throw new Error(`no TOSEC release ${date} on the mirror`);
  mirror.mount(`/tosec/downloads/category/${category.id}-${category.slug}`, async (req, res, url) => {
    if (url.pathname !== '/' || !url.searchParams.has('download')) return false;
    const body = await bytes();
    res.writeHead(200, {
      'content-type': 'application/zip',
      'content-length': body.length,
      'content-disposition': `attachment; filename="${site.packName(date)}"`,
    });
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    if (pace.chunkDelayMs === 0) {
      res.end(body);
      return true;
    }
    for (let at = 0; at < body.length && !res.destroyed; at += 64 * 1024) {
      res.write(body.subarray(at, at + 64 * 1024));
      if (pace.chunkDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, pace.chunkDelayMs));
    }
    res.end();
    return true;
  });
}

/** Takes a release off the menu again, so the source goes back to the version it holds. */
export function withdrawRelease(site: TosecSite, date: string): void {
  const index = site.categories.findIndex((c) => c.slug === date);
  if (index >= 0) site.categories.splice(index, 1);
}

/**
 * The file name a server suggests in Content-Disposition. RFC 6266: `filename*=UTF-8''…`
 * (percent-encoded) wins over `filename="…"`. Path parts are dropped: a name is never a path.
 */
export function filenameFromContentDisposition(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  let name: string | undefined;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(value);
  if (extended?.[2] !== undefined) {
    try {
      name = decodeURIComponent(extended[2].trim());
    } catch {
      name = undefined;
    }
  }
  if (name === undefined) {
    const quoted = /filename\s*=\s*"((?:\\.|[^"\\])*)"/i.exec(value);
    const plain = /filename\s*=\s*([^;]+)/i.exec(value);
    name = quoted?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[1]?.trim();
  }
  if (name === undefined) return undefined;
  const base = name.split(/[\\/]/).pop()?.trim();
  return base === undefined || base === '' || base === '.' || base === '..' ? undefined : base;
}

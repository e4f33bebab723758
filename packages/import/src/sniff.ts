import type { SniffResult } from '@rommer/core';
import { parseDat } from './parse-dat.js';

/**
 * Recognises a DAT and reads its header without reading the rest: the parse stops as soon as the
 * header is known (the first game at the latest). Throws DatFormatError naming the file otherwise.
 */
export async function sniff(path: string): Promise<SniffResult> {
  const result = await parseDat(path, { onHeader: () => false, chunkSize: 64 * 1024 });
  const { name, description, version, date, author, category } = result.header;
  const header: SniffResult['header'] = {};
  if (name !== undefined) header.name = name;
  if (description !== undefined) header.description = description;
  if (version !== undefined) header.version = version;
  if (date !== undefined) header.date = date;
  if (author !== undefined) header.author = author;
  if (category !== undefined) header.category = category;
  return { format: result.format, header };
}

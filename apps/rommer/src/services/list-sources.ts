import type { CommandContext } from './context.js';

export interface SourceListing {
  id: string;
  title: string;
  enabled: boolean;
  defaultEnabled: boolean;
  autoImport: boolean;
  transport: string;
  downloads: string;
  homepage: string;
  needsCredentials: boolean;
}

export function listSources(ctx: CommandContext): SourceListing[] {
  return ctx.registry.list().map((source) => {
    const settings = ctx.config.sources.get(source.info.id);
    return {
      id: source.info.id,
      title: source.info.title,
      enabled: settings?.enabled ?? source.info.defaultEnabled,
      defaultEnabled: source.info.defaultEnabled,
      autoImport: settings?.autoImport ?? source.info.defaultAutoImport,
      transport: source.info.transport,
      downloads: source.info.downloads,
      homepage: source.info.homepage,
      needsCredentials: source.info.needsCredentials,
    };
  });
}

const onOff = (value: boolean) => (value ? 'on' : 'off');

/** A plain table for terminals and pipes. */
export function formatSourceTable(rows: SourceListing[]): string {
  const header = ['SOURCE', 'TITLE', 'ENABLED', 'DEFAULT', 'TRANSPORT', 'HOMEPAGE'];
  const body = rows.map((row) => [
    row.id,
    row.title,
    row.enabled ? 'yes' : 'no',
    onOff(row.defaultEnabled),
    row.transport,
    row.homepage,
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => cells[i]!.length)));
  return [header, ...body]
    .map((cells) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '))
    .join('\n');
}

import fs from 'node:fs';
import { loadConfig, type RommerConfig } from '@rommer/core/config';
import { resolvePaths, rommerVersion, describeError, type SourceRegistry } from '@rommer/core';
import { defaultUrl as opengoodUrl } from '@rommer/sources-opengood';
import { defaultDatomaticUrl } from '@rommer/sources-no-intro';
import { defaultSiteUrl as redumpUrl } from '@rommer/sources-redump';
import { defaultDownloadsUrl as tosecUrl } from '@rommer/sources-tosec';
import {
  checkDatabase,
  checkKeyring,
  checkNode,
  checkReachable,
  checkWritable,
  type DoctorCheck,
  type HeldVersion,
} from './doctor-command-checks.js';
import { catalogueTarget } from './catalog.js';
import { printLine } from './output.js';
import { createRegistry } from './registry.js';

export interface DoctorFlags {
  config?: string | undefined;
  dataDir?: string | undefined;
  json?: boolean | undefined;
}

export interface DoctorReport {
  version: string;
  checks: DoctorCheck[];
  held: HeldVersion[];
  ok: boolean;
}

/** Where each source's requests go when sources.conf names no `url` (the upstream defaults). */
const defaultUrls: Record<string, string> = {
  opengood: opengoodUrl,
  'no-intro': defaultDatomaticUrl,
  redump: redumpUrl,
  tosec: tosecUrl,
};

/** The URL whose host a source talks to: its `url`, the GitHub API for GitHub-hosted ones, or the upstream default. */
export function sourceUrl(registry: SourceRegistry, config: RommerConfig, id: string): string {
  const source = registry.get(id);
  const settings = config.sources.get(id)?.config ?? {};
  // A source fetched from a mirror (No-Intro's mode = "mirror") never reaches its own site.
  if (settings['mode'] === 'mirror' && typeof settings['mirror_url'] === 'string') return settings['mirror_url'];
  const configured = settings['url'];
  if (typeof configured === 'string') return configured;
  if (source.info.transport === 'github-release' || source.info.transport === 'github-tree') return config.defaults.github_api;
  return defaultUrls[id] ?? source.info.homepage;
}

/** Every check of `rommer doctor`, in the order a newcomer would want to read them. */
export async function runDoctor(
  flags: DoctorFlags,
  env: Record<string, string | undefined> = process.env,
  options: { timeoutMs?: number } = {},
): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [checkNode()];
  const paths = resolvePaths({ config: flags.config, dataDir: flags.dataDir }, env);
  const registry = createRegistry();
  let config: RommerConfig | undefined;
  try {
    config = await loadConfig(paths, registry);
    checks.push({
      name: 'config',
      status: 'ok',
      detail: config.file !== null ? `${config.file}` : `${paths.configFile} (none: built-in defaults)`,
    });
  } catch (error) {
    checks.push({ name: 'config', status: 'fail', detail: describeError(error) });
  }
  checks.push(await checkWritable('data folder', paths.dataDir));
  if (fs.existsSync(paths.datsDir)) checks.push(await checkWritable('DAT folder', paths.datsDir));
  if (fs.existsSync(paths.cacheDir)) checks.push(await checkWritable('cache folder', paths.cacheDir));
  const database = await checkDatabase(catalogueTarget(paths, config ?? { defaults: {} }, env));
  checks.push(database.check);
  checks.push(await checkKeyring());

  if (config !== undefined) {
    const enabled = registry.list().filter((s) => config.sources.get(s.info.id)?.enabled ?? s.info.defaultEnabled);
    // The hosts are independent: ask them all at once, each with its own short timeout.
    const reachability = await Promise.all(
      enabled.map((source) => checkReachable(`source ${source.info.id}`, sourceUrl(registry, config, source.info.id), options.timeoutMs)),
    );
    checks.push(...reachability);
  }
  return { version: rommerVersion, checks, held: database.held, ok: checks.every((c) => c.status !== 'fail') };
}

const marks: Record<DoctorCheck['status'], string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' };

export function formatDoctor(report: DoctorReport): string[] {
  const width = Math.max(...report.checks.map((c) => c.name.length));
  const lines = [`rommer ${report.version}`];
  for (const check of report.checks) lines.push(`${marks[check.status]}  ${check.name.padEnd(width)}  ${check.detail}`);
  if (report.held.length === 0) lines.push('versions held: none yet (run `rommer update`)');
  else {
    lines.push('versions held:');
    for (const h of report.held) lines.push(`  ${h.source}: ${h.version}${h.lastUpdated !== null ? ` (updated ${h.lastUpdated})` : ''}`);
  }
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  lines.push(failed === 0 ? 'All checks passed.' : `${failed} check${failed === 1 ? '' : 's'} failed.`);
  return lines;
}

/** `rommer doctor`: prints the report (plain or JSON); exit 0 when all is well, 1 when a check failed. */
export async function runDoctorCommand(flags: DoctorFlags): Promise<number> {
  const report = await runDoctor(flags);
  if (flags.json === true) printLine(JSON.stringify(report, null, 2));
  else for (const line of formatDoctor(report)) printLine(line);
  return report.ok ? 0 : 1;
}

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cosmiconfig, type Loader } from 'cosmiconfig';
import { parse as parseToml, TomlError } from 'smol-toml';
import { z } from 'zod';
import { ConfigError, firstLine } from '../errors.js';
import type { SourceRegistry } from '../registry.js';
import { defaultsSchema, scanSchema, type ResolvedDefaults } from './schema.js';
import { locateTomlPath } from './toml-locate.js';

/** One source's settings after merging sources.conf with the source's own defaults. */
export interface SourceSettings {
  id: string;
  enabled: boolean;
  autoImport: boolean;
  /** The validated `[sources.<id>]` table (empty object when absent). */
  config: Record<string, unknown>;
  /** True when sources.conf has a table for this source. */
  configured: boolean;
}

export interface RommerConfig {
  /** The file that was read, or null when none exists (defaults only). */
  file: string | null;
  defaults: ResolvedDefaults;
  sources: Map<string, SourceSettings>;
  /** `[scan]`: the folders to scan (a leading `~/` is the home folder). */
  scan: { paths: string[] };
  /** Raw text, kept so later checks (credentials) can point at lines. Never printed. */
  text: string | null;
}

const tomlLoader: Loader = (_filepath, content) => parseToml(content);

const topLevelSchema = z.strictObject({
  defaults: z.record(z.string(), z.unknown()).optional(),
  scan: z.record(z.string(), z.unknown()).optional(),
  sources: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

function describeIssue(issue: z.core.$ZodIssue): { path: (string | number)[]; message: string } {
  const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const where = path.length > 0 ? `[${path.join('.')}]` : 'the top level';
    return { path: [...path, key], message: `unknown key "${key}" in ${where}` };
  }
  if (issue.code === 'invalid_type') {
    const received = issue.message.match(/received (\w+)/)?.[1];
    return {
      path,
      message: `${path.join('.')}: expected ${issue.expected}${received !== undefined ? `, got ${received}` : ''}`,
    };
  }
  return { path, message: `${path.join('.')}: ${firstLine(issue.message)}` };
}

function validationError(file: string, text: string, issue: z.core.$ZodIssue, prefix: (string | number)[] = []) {
  const described = describeIssue({ ...issue, path: [...prefix, ...issue.path] } as z.core.$ZodIssue);
  const at = locateTomlPath(text, described.path);
  return new ConfigError(`${file}:${at.line}:${at.column}: ${described.message}`);
}

async function readConfigFile(file: string): Promise<{ data: unknown; text: string } | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigError(`${file}: cannot read the configuration (${(error as Error).message})`, { cause: error });
  }
  // cosmiconfig reads the file through our TOML loader (an absolute path in searchPlaces never
  // matches, so the XDG file is loaded by path; the noExt loader would default to YAML).
  const explorer = cosmiconfig('rommer', {
    searchStrategy: 'none',
    cache: false,
    loaders: { '.conf': tomlLoader, '.toml': tomlLoader, noExt: tomlLoader },
  });
  try {
    const result = await explorer.load(file);
    return { data: result?.config ?? {}, text };
  } catch (error) {
    const toml = error instanceof TomlError ? error : (error as { cause?: unknown }).cause;
    if (toml instanceof TomlError) {
      const reason = firstLine(toml.message.replace(/^Invalid TOML document:\s*/i, ''));
      throw new ConfigError(`${file}:${toml.line}:${toml.column}: invalid TOML: ${reason}`, { cause: error });
    }
    throw new ConfigError(`${file}: cannot load the configuration (${firstLine(String((error as Error).message))})`, {
      cause: error,
    });
  }
}

/**
 * Reads and validates sources.conf. A missing file gives the defaults (unless it was named
 * explicitly). Every problem is one ConfigError naming the file, line and column.
 */
export async function loadConfig(
  location: { configFile: string; configExplicit?: boolean },
  registry: SourceRegistry,
): Promise<RommerConfig> {
  const file = location.configFile;
  const loaded = await readConfigFile(file);
  if (loaded === null && location.configExplicit === true) {
    throw new ConfigError(`${file}: configuration file not found`);
  }
  const data = loaded?.data ?? {};
  const text = loaded?.text ?? '';

  const top = topLevelSchema.safeParse(data);
  if (!top.success) throw validationError(file, text, top.error.issues[0]!);

  const defaults = defaultsSchema.safeParse(top.data.defaults ?? {});
  if (!defaults.success) throw validationError(file, text, defaults.error.issues[0]!, ['defaults']);

  const scan = scanSchema.safeParse(top.data.scan ?? {});
  if (!scan.success) throw validationError(file, text, scan.error.issues[0]!, ['scan']);
  const home = os.homedir();
  const scanPaths = scan.data.paths.map((p) => (p === '~' ? home : p.startsWith('~/') ? path.join(home, p.slice(2)) : p));

  const rawSources = top.data.sources ?? {};
  for (const id of Object.keys(rawSources)) {
    if (!registry.has(id)) {
      const at = locateTomlPath(text, ['sources', id]);
      throw new ConfigError(
        `${file}:${at.line}:${at.column}: unknown source "${id}" in [sources.${id}] (known: ${registry.ids().join(', ')})`,
      );
    }
  }

  const sources = new Map<string, SourceSettings>();
  for (const source of registry.list()) {
    const id = source.info.id;
    const raw = rawSources[id];
    const parsed = source.configSchema.safeParse(raw ?? {});
    if (!parsed.success) throw validationError(file, text, parsed.error.issues[0]!, ['sources', id]);
    const config = parsed.data as Record<string, unknown>;
    const url = config['url'];
    if (typeof url === 'string' && !isLocation(url)) {
      const at = locateTomlPath(text, ['sources', id, 'url']);
      throw new ConfigError(`${file}:${at.line}:${at.column}: [sources.${id}] url ${JSON.stringify(url)} is not a URL (expected https://…, a git remote or an absolute path)`);
    }
    sources.set(id, {
      id,
      enabled: typeof config['enabled'] === 'boolean' ? config['enabled'] : source.info.defaultEnabled,
      autoImport: typeof config['auto_import'] === 'boolean' ? config['auto_import'] : source.info.defaultAutoImport,
      config,
      configured: raw !== undefined,
    });
  }

  return { file: loaded === null ? null : file, defaults: defaults.data, sources, scan: { paths: scanPaths }, text: loaded === null ? null : text };
}

/** A source's url: a URL with a scheme, a git scp-style remote (`git@host:path`) or an absolute path. */
function isLocation(value: string): boolean {
  if (/\s/.test(value)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return URL.canParse(value);
  return path.isAbsolute(value) || /^[^@/]+@[^:/]+:./.test(value);
}

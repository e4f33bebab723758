import { loadConfig, type RommerConfig } from '@rommer/core/config';
import { resolvePaths, type RommerPaths, type SourceRegistry } from '@rommer/core';
import { createRegistry } from './registry.js';

export interface CommandContext {
  paths: RommerPaths;
  registry: SourceRegistry;
  config: RommerConfig;
  env: Record<string, string | undefined>;
}

/** Resolves paths, registers the sources and reads sources.conf: what every command starts from. */
export async function loadCommandContext(
  flags: { config?: string | undefined; dataDir?: string | undefined },
  env: Record<string, string | undefined> = process.env,
): Promise<CommandContext> {
  const paths = resolvePaths({ config: flags.config, dataDir: flags.dataDir }, env);
  const registry = createRegistry();
  const config = await loadConfig(paths, registry);
  return { paths, registry, config, env };
}

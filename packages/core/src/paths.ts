import os from 'node:os';
import path from 'node:path';

/** Where rommer keeps its configuration and data, resolved once from flags, environment and XDG. */
export interface RommerPaths {
  /** The sources.conf that is read (it may not exist). */
  configFile: string;
  /** True when the config file was named explicitly (flag or ROMMER_CONFIG): then it must exist. */
  configExplicit: boolean;
  /** `$XDG_DATA_HOME/rommer` or the override. */
  dataDir: string;
  /** `<data>/dats`: one folder per source. */
  datsDir: string;
  /** `<data>/dats/.staging`: downloads land here before the atomic commit. */
  stagingDir: string;
  /** `<data>/dats/.trash`: the previous folder of a source while a commit swaps it. */
  trashDir: string;
  /** `<data>/cache`: kept between runs (shallow git clones), never part of the library. */
  cacheDir: string;
  /** `<data>/rommer.db`: the SQLite catalogue. */
  databaseFile: string;
  /** `<data>/update.lock`: held by the one running update. */
  lockFile: string;
}

export interface PathOverrides {
  config?: string | undefined;
  dataDir?: string | undefined;
}

type Env = Record<string, string | undefined>;

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

/** XDG base directory rule: an env var wins only when it is set to an absolute path. */
function xdgDir(env: Env, name: 'XDG_CONFIG_HOME' | 'XDG_DATA_HOME', fallback: string): string {
  const value = nonEmpty(env[name]);
  return value !== undefined && path.isAbsolute(value) ? value : path.join(homeDir(env), fallback);
}

function homeDir(env: Env): string {
  return nonEmpty(env['HOME']) ?? os.homedir();
}

/**
 * Precedence: flag (`--config`, `--data-dir`) → environment (`ROMMER_CONFIG`, `ROMMER_DATA_DIR`) →
 * XDG (`$XDG_CONFIG_HOME/rommer/sources.conf`, `$XDG_DATA_HOME/rommer`) → `~/.config`, `~/.local/share`.
 */
export function resolvePaths(overrides: PathOverrides = {}, env: Env = process.env, cwd = process.cwd()): RommerPaths {
  const explicitConfig = nonEmpty(overrides.config) ?? nonEmpty(env['ROMMER_CONFIG']);
  const configFile =
    explicitConfig !== undefined
      ? path.resolve(cwd, explicitConfig)
      : path.join(xdgDir(env, 'XDG_CONFIG_HOME', '.config'), 'rommer', 'sources.conf');
  const explicitData = nonEmpty(overrides.dataDir) ?? nonEmpty(env['ROMMER_DATA_DIR']);
  const dataDir =
    explicitData !== undefined
      ? path.resolve(cwd, explicitData)
      : path.join(xdgDir(env, 'XDG_DATA_HOME', path.join('.local', 'share')), 'rommer');
  const datsDir = path.join(dataDir, 'dats');
  return {
    configFile,
    configExplicit: explicitConfig !== undefined,
    dataDir,
    datsDir,
    stagingDir: path.join(datsDir, '.staging'),
    trashDir: path.join(datsDir, '.trash'),
    cacheDir: path.join(dataDir, 'cache'),
    databaseFile: path.join(dataDir, 'rommer.db'),
    lockFile: path.join(dataDir, 'update.lock'),
  };
}

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolvePaths } from './paths.js';

describe('resolvePaths', () => {
  it('uses ~/.config and ~/.local/share without XDG variables', () => {
    const p = resolvePaths({}, { HOME: '/home/ada' }, '/tmp');
    expect(p.configFile).toBe('/home/ada/.config/rommer/sources.conf');
    expect(p.configExplicit).toBe(false);
    expect(p.dataDir).toBe('/home/ada/.local/share/rommer');
    expect(p.datsDir).toBe('/home/ada/.local/share/rommer/dats');
    expect(p.stagingDir).toBe('/home/ada/.local/share/rommer/dats/.staging');
    expect(p.databaseFile).toBe('/home/ada/.local/share/rommer/rommer.db');
    expect(p.lockFile).toBe('/home/ada/.local/share/rommer/update.lock');
  });

  it('honours absolute XDG variables and ignores relative ones', () => {
    const p = resolvePaths({}, { HOME: '/h', XDG_CONFIG_HOME: '/xc', XDG_DATA_HOME: 'relative' }, '/tmp');
    expect(p.configFile).toBe('/xc/rommer/sources.conf');
    expect(p.dataDir).toBe('/h/.local/share/rommer');
  });

  it('lets ROMMER_* variables override XDG and flags override both', () => {
    const env = { HOME: '/h', XDG_DATA_HOME: '/xd', ROMMER_CONFIG: '/etc/r.conf', ROMMER_DATA_DIR: '/srv/rommer' };
    const fromEnv = resolvePaths({}, env, '/tmp');
    expect(fromEnv.configFile).toBe('/etc/r.conf');
    expect(fromEnv.configExplicit).toBe(true);
    expect(fromEnv.dataDir).toBe('/srv/rommer');
    const fromFlags = resolvePaths({ config: 'my.conf', dataDir: 'data' }, env, '/work');
    expect(fromFlags.configFile).toBe(path.resolve('/work', 'my.conf'));
    expect(fromFlags.dataDir).toBe('/work/data');
  });

  it('treats empty overrides as unset', () => {
    const p = resolvePaths({ config: '', dataDir: ' ' }, { HOME: '/h', ROMMER_CONFIG: '' }, '/tmp');
    expect(p.configExplicit).toBe(false);
    expect(p.dataDir).toBe('/h/.local/share/rommer');
  });
});

import { UsageError } from '@rommer/core';
import { describe, expect, it } from 'vitest';
import { createRegistry } from './registry.js';
import { validateUpdateFlags } from './update-flags.js';

const registry = createRegistry();

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('validateUpdateFlags', () => {
  it('defaults to the enabled sources and no options', () => {
    expect(validateUpdateFlags({}, registry)).toEqual({
      sources: [],
      import: false,
      dryRun: false,
      force: false,
      listSources: false,
      json: false,
      concurrency: undefined,
      fromFile: undefined,
      yes: false,
    });
  });

  it('keeps repeated and comma-separated --source values in order, once each', () => {
    const request = validateUpdateFlags({ source: ['tosec', 'mame,tosec', 'no-intro'] }, registry);
    expect(request.sources).toEqual(['tosec', 'mame', 'no-intro']);
  });

  it('rejects an unknown source, naming the known ones', () => {
    const message = usageMessage(() => validateUpdateFlags({ source: ['gooddats'] }, registry));
    expect(message).toBe(
      'unknown source "gooddats" (known: opengood, mame, no-intro, tosec, redump, fbneo, libretro)',
    );
  });

  it('validates --concurrency', () => {
    expect(validateUpdateFlags({ concurrency: '4' }, registry).concurrency).toBe(4);
    expect(usageMessage(() => validateUpdateFlags({ concurrency: 'x' }, registry))).toBe(
      '--concurrency: expected a whole number, got "x"',
    );
    expect(usageMessage(() => validateUpdateFlags({ concurrency: '0' }, registry))).toBe(
      '--concurrency: expected 1 to 16, got 0',
    );
    expect(usageMessage(() => validateUpdateFlags({ concurrency: '2.5' }, registry))).toContain('whole number');
  });

  it('takes --from-file only with exactly one --source', () => {
    expect(validateUpdateFlags({ source: ['no-intro'], fromFile: 'pack.zip' }, registry).fromFile).toBe('pack.zip');
    expect(usageMessage(() => validateUpdateFlags({ fromFile: 'pack.zip' }, registry))).toBe(
      '--from-file needs exactly one --source (e.g. --source no-intro)',
    );
  });

  it('rejects contradictory flags', () => {
    expect(usageMessage(() => validateUpdateFlags({ listSources: true, import: true }, registry))).toBe(
      '--list-sources cannot be combined with --import',
    );
    expect(usageMessage(() => validateUpdateFlags({ dryRun: true, force: true }, registry))).toContain('--dry-run');
    expect(validateUpdateFlags({ listSources: true, json: true }, registry)).toMatchObject({
      listSources: true,
      json: true,
    });
  });
});

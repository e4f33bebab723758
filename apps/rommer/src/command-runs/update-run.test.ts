import { UsageError } from '@rommer/core';
import { describe, expect, it } from 'vitest';
import { options } from './update-command.js';
import { refusedFlagError } from '../runtime/run-command.js';
import { createRegistry } from '../services/registry.js';
import { checkCombinations, selectedIds, type UpdateFlags } from './update-run.js';

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

/** The flags as pastel hands them over: commander's values through the command's schema. */
const flags = (given: Record<string, unknown>): UpdateFlags => {
  const parsed = options.parse(given);
  expect(refusedFlagError(parsed)).toBeUndefined();
  return parsed as UpdateFlags;
};

describe('rommer update flags', () => {
  it('defaults to the enabled sources and no options', () => {
    expect(flags({})).toMatchObject({ import: false, dryRun: false, force: false, listSources: false, json: false, yes: false });
    expect(flags({}).concurrency).toBeUndefined();
    expect(selectedIds(flags({}).source, registry)).toEqual([]);
  });

  it('keeps repeated and comma-separated --source values in order, once each', () => {
    expect(selectedIds(flags({ source: ['tosec', 'mame,tosec', 'no-intro'] }).source, registry)).toEqual(['tosec', 'mame', 'no-intro']);
  });

  it('rejects an unknown source, naming the known ones', () => {
    expect(usageMessage(() => selectedIds(['gooddats'], registry))).toBe(
      'unknown source "gooddats" (known: opengood, mame, no-intro, tosec, redump, fbneo, libretro)',
    );
  });

  it('takes --concurrency as a whole number from 1 to 16, in the schema', () => {
    expect(flags({ concurrency: '4' }).concurrency).toBe(4);
    for (const bad of ['x', '0', '17', '2.5']) {
      // pastel would print a schema's refusal on stdout: the flag holds it for runCommand instead.
      const parsed = options.parse({ concurrency: bad });
      expect(refusedFlagError(parsed)?.message).toBe(`--concurrency <n>: expected a whole number from 1 to 16, got "${bad}"`);
    }
    expect(refusedFlagError(options.parse({ source: ['mame', ' '] }))?.message).toBe('--source <id>: expected a value that is not empty, got " "');
    expect(refusedFlagError(options.parse({ fromFile: '' }))?.message).toBe('--from-file <file>: expected a value that is not empty, got ""');
  });

  it('takes --from-file only with exactly one --source', () => {
    expect(() => checkCombinations(flags({ source: ['no-intro'], fromFile: 'pack.zip' }), ['no-intro'])).not.toThrow();
    expect(usageMessage(() => checkCombinations(flags({ fromFile: 'pack.zip' }), []))).toBe(
      '--from-file needs exactly one --source (e.g. --source no-intro)',
    );
  });

  it('rejects contradictory flags', () => {
    expect(usageMessage(() => checkCombinations(flags({ listSources: true, import: true }), []))).toBe(
      '--list-sources cannot be combined with --import',
    );
    expect(usageMessage(() => checkCombinations(flags({ dryRun: true, force: true }), []))).toContain('--dry-run');
    expect(() => checkCombinations(flags({ listSources: true, json: true }), [])).not.toThrow();
  });
});

import type { SourceResult, SourceStatus } from '@rommer/core';
import { describe, expect, it } from 'vitest';
import { updateExitCode } from './update-exit-code.js';

const result = (id: string, status: SourceStatus, error: string | null = null) => ({ id, status, error }) as SourceResult;

describe('updateExitCode', () => {
  it('is 130 only when the cancel stopped a source', () => {
    expect(updateExitCode([result('a', 'updated'), result('b', 'skipped', 'cancelled')], true)).toBe(130);
    expect(updateExitCode([result('a', 'failed', 'cancelled')], true)).toBe(130);
  });

  it('says how the sources finished when the signal came after everything was committed', () => {
    expect(updateExitCode([result('a', 'updated'), result('b', 'up-to-date')], true)).toBe(0);
    expect(updateExitCode([result('a', 'updated'), result('b', 'failed', 'HTTP 500')], true)).toBe(1);
    expect(updateExitCode([result('a', 'updated')], false)).toBe(0);
    expect(updateExitCode([result('a', 'failed', 'HTTP 500')], false)).toBe(1);
  });
});

import { expect, test } from 'vitest';
import { copyBoolean, copyInteger, copyText } from './copy-text.js';

test('text columns escape what would end a field or a row', () => {
  expect(copyText('plain (World).gb')).toBe('plain (World).gb');
  expect(copyText('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
  expect(copyText(null)).toBe('\\N');
  expect(copyText(undefined)).toBe('\\N');
  expect(copyText('\\N')).toBe('\\\\N');
});

test('integers and booleans', () => {
  expect(copyInteger(5_000_000_000)).toBe('5000000000');
  expect(copyInteger(Number.NaN)).toBe('\\N');
  expect(copyInteger(1.5)).toBe('\\N');
  expect(copyInteger(null)).toBe('\\N');
  expect(copyBoolean(true)).toBe('t');
});

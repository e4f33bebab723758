import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CancelledError } from '@rommer/core/errors';
import { DatFormatError } from './errors.js';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatOffThread } from './parse-in-worker.js';
import { MAX_UNREAD_BATCHES } from './worker-protocol.js';
import { expectedCounts, fixturesDir } from './test-support/fixtures.js';
import { useTempDir, writeDat } from './test-support/temp.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const tempDir = useTempDir();
let script = '';
const compiledDir = path.join(path.dirname(here), '.tmp', `worker-${process.pid}`);

/**
 * Worker threads cannot load TypeScript on Node 20, so the worker's module graph is transpiled
 * into a temp folder. Of @rommer/core it may reach only the dependency-free errors entry (transpiled
 * beside it): the thread only parses.
 */
function compileWorker(into: string): string {
  const files = ['parse-worker', 'parse-stream', 'clrmamepro-parser', 'pending-input', 'dat-error', 'errors', 'text-decoding', 'xml-dat-parser', 'xml-entities', 'xml-scanner', 'values', 'worker-protocol', 'types'];
  const sources: [string, string][] = files.map((name) => [`${name}.js`, path.join(here, `${name}.ts`)]);
  sources.push(['core-errors.js', path.join(here, '../../core/src/errors.ts')]);
  mkdirSync(into, { recursive: true });
  for (const [name, file] of sources) {
    const output = ts
      .transpileModule(readFileSync(file, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      })
      .outputText.replaceAll("'@rommer/core/errors'", "'./core-errors.js'");
    if (/from ['"]@rommer\/|import\(['"]@rommer\//.test(output)) throw new Error(`${name} imports a workspace package: the parser thread must load only its own modules`);
    writeFileSync(path.join(into, name), output);
  }
  writeFileSync(path.join(into, 'package.json'), '{"type":"module"}');
  return path.join(into, 'parse-worker.js');
}

describe('parsing on a worker thread', () => {
  beforeAll(() => {
    script = compileWorker(compiledDir);
  });
  afterAll(() => {
    rmSync(compiledDir, { recursive: true, force: true });
  });

  it('delivers the same games as parsing in this thread', async () => {
    const expected = expectedCounts();
    for (const name of ['opengood/OpenGBx.dat', 'libretro/metadat/no-intro/Atari - Lynx.dat']) {
      const file = path.join(fixturesDir, name);
      const seen: string[] = [];
      let header: unknown;
      const result = await parseDatOffThread(file, statSync(file).size, {
        worker: 'always',
        workerScript: script,
        onHeader: (h) => {
          header = h;
        },
        onGame: (game) => {
          seen.push(game.name);
        },
      });
      expect({ games: result.games, roms: result.roms, format: result.format }).toEqual({
        games: expected[name]!.games,
        roms: expected[name]!.roms,
        format: expected[name]!.format,
      });
      expect(seen.length).toBe(result.games);
      expect(header).toMatchObject({ name: expected[name]!.header_name });
      expect(result.sha1).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  it('keeps the parser at most a few batches ahead of a slow consumer', async () => {
    const games = '<game name="g"><rom name="r" size="1" crc="1"/></game>\n'.repeat(40_000);
    const file = writeDat(tempDir(), 'many.dat', `<datafile>${games}</datafile>`);
    let consumed = 0;
    let maxBacklog = 0;
    const result = await parseDatOffThread(file, statSync(file).size, {
      worker: 'always',
      workerScript: script,
      onBacklog: (unread) => {
        maxBacklog = Math.max(maxBacklog, unread);
      },
      onGame: () => {
        // A slow writer: the parser would finish the whole file (79 batches) meanwhile if unchecked.
        if (++consumed % 2048 === 1) {
          const until = Date.now() + 30;
          while (Date.now() < until);
        }
      },
    });
    expect(result.games).toBe(40_000);
    expect(consumed).toBe(40_000);
    expect(maxBacklog).toBeGreaterThan(0);
    expect(maxBacklog).toBeLessThanOrEqual(MAX_UNREAD_BATCHES);
  });

  it('runs no callback before startWhen settles, and gives up with its error', async () => {
    const file = path.join(fixturesDir, 'opengood/OpenGBx.dat');
    const size = statSync(file).size;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let games = 0;
    const parsing = parseDatOffThread(file, size, { worker: 'always', workerScript: script, startWhen: gate, onGame: () => void games++ });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(games).toBe(0);
    release();
    expect((await parsing).games).toBe(9333);
    expect(games).toBe(9333);

    const refused = new Error('unchanged');
    const error = await parseDatOffThread(file, size, { worker: 'always', workerScript: script, startWhen: Promise.reject(refused) }).catch((e: unknown) => e);
    expect(error).toBe(refused);
  });

  it('fails a malformed file with its line, and stops when cancelled', async () => {
    const bad = writeDat(tempDir(), 'bad.dat', '<datafile>\n<game name="a">\n</datafile>\n');
    const error = await parseDatOffThread(bad, 40, { worker: 'always', workerScript: script }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatFormatError);
    expect((error as DatFormatError).line).toBe(3);
    expect((error as Error).message).toBe(`${bad}, line 3: expected </game>, found </datafile>`);

    const big = writeDat(tempDir(), 'big.dat', `<datafile>${'<game name="g"><rom name="r" size="1"/></game>\n'.repeat(50_000)}</datafile>`);
    const controller = new AbortController();
    let games = 0;
    const cancelled = await parseDatOffThread(big, statSync(big).size, {
      worker: 'always',
      workerScript: script,
      signal: controller.signal,
      onGame: () => {
        if (++games === 1000) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(cancelled).toBeInstanceOf(CancelledError);
  });
});

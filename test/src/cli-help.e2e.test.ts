// `rommer --help` and `--version` are answered by cli.ts from the help written at build time
// (dist/help.json), without pastel: the help must be pastel's to the byte, for every command and
// at any width, and those runs must load none of pastel, Ink, React or zod.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packagesIn, traceRun } from './support/import-trace.js';
import { cliPath } from './support/rommer-cli.js';

const run = promisify(execFile);
const appDist = new URL('../../apps/rommer/dist/', import.meta.url);
/** The pastel program itself, as cli.ts loads it for everything it does not answer. */
const mainPath = fileURLToPath(new URL('main.js', appDist));

interface Described {
  name: string;
  commands: Described[];
  helpCommand: unknown;
}

async function commandPaths(): Promise<{ path: string[]; helpCommand: boolean }[]> {
  const root = JSON.parse(await readFile(new URL('help.json', appDist), 'utf8')) as Described;
  const walk = (command: Described, path: string[]): { path: string[]; helpCommand: boolean }[] => [
    { path, helpCommand: command.helpCommand !== null },
    ...command.commands.flatMap((sub) => walk(sub, [...path, sub.name])),
  ];
  return walk(root, []);
}

async function output(script: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const { stdout, stderr } = await run(process.execPath, [script, ...args], { env: { ...process.env, NO_COLOR: '1' } });
  return { stdout, stderr };
}

/**
 * In one Node process: pastel's program (built from the commands' schemas, as the build does) and
 * the one read back from its description; each command's help from both at several widths.
 */
async function helpInProcess(): Promise<{ path: string[]; width: number; pastel: string; fromHelp: string }[]> {
  const script = `
    const { pastelProgram } = await import(${JSON.stringify(new URL('help/pastel-program.js', appDist).href)});
    const { commandFromHelp, describeCommand } = await import(${JSON.stringify(new URL('help/help-manifest.js', appDist).href)});
    const pastel = await pastelProgram();
    const fromHelp = commandFromHelp(JSON.parse(JSON.stringify(describeCommand(pastel))));
    const walk = (a, b, path, out) => {
      for (const width of [40, 80, 160]) {
        a.configureHelp({ helpWidth: width });
        b.configureHelp({ helpWidth: width });
        out.push({ path, width, pastel: a.helpInformation(), fromHelp: b.helpInformation() });
      }
      a.commands.forEach((sub, i) => walk(sub, b.commands[i], [...path, sub.name()], out));
      return out;
    };
    process.stdout.write(JSON.stringify(walk(pastel, fromHelp, [], [])));
  `;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: fileURLToPath(appDist) });
  return JSON.parse(stdout) as { path: string[]; width: number; pastel: string; fromHelp: string }[];
}

describe('rommer --help from the help written at build time', () => {
  it('is pastel\'s help, for every command and at any width (commander formats both)', async () => {
    const texts = await helpInProcess();
    expect(texts.length).toBeGreaterThan(30);
    for (const { path, width, pastel, fromHelp } of texts) expect({ path, width, text: fromHelp }).toEqual({ path, width, text: pastel });
    expect(new Set(texts.map((t) => t.pastel)).size).toBe(texts.length); // the widths did change the text
    // pastelProgram() builds what pastel's own run prints (off a terminal: 80 columns).
    for (const path of [[], ['update'], ['db', 'migrate-to']]) {
      const printed = await output(mainPath, [...path, '--help']);
      expect(printed).toEqual({ stdout: texts.find((t) => t.width === 80 && t.path.join(' ') === path.join(' '))!.pastel, stderr: '' });
    }
  });

  it('answers every way of asking for a command\'s help with that command\'s help', async () => {
    const texts = await helpInProcess();
    const at80 = (path: string[]) => texts.find((t) => t.width === 80 && t.path.join(' ') === path.join(' '))!.pastel;
    const asks: [string[], string[]][] = [];
    for (const { path, helpCommand } of await commandPaths()) {
      asks.push([[...path, '--help'], path], [[...path, '-h'], path]);
      if (helpCommand) asks.push([[...path, 'help'], path]);
      if (path.length > 0) asks.push([[...path.slice(0, -1), 'help', path.at(-1)!], path]);
    }
    expect(asks.length).toBeGreaterThan(30);
    for (const [args, path] of asks) expect({ args, ...(await output(cliPath, args)) }).toEqual({ args, stdout: at80(path), stderr: '' });
  });

  it('loads neither pastel, Ink, React nor zod for --help, a command\'s --help or --version', async () => {
    for (const args of [['--help'], ['update', '--help'], ['help', 'scan'], ['-V'], ['--version']]) {
      const packages = packagesIn(await traceRun(cliPath, args));
      expect({ args, loaded: packages.filter((p) => ['pastel', 'ink', 'react', 'zod', '@inkjs/ui'].includes(p)) }).toEqual({ args, loaded: [] });
    }
    // The trace is not blind: pastel's own --help loads them.
    expect(packagesIn(await traceRun(mainPath, ['--help']))).toEqual(expect.arrayContaining(['pastel', 'ink', 'react', 'zod']));
  });
});

// The commander program pastel builds from the commands' zod schemas, built without running it.
//
// pastel builds its program inside `Pastel.run()` and hands it out nowhere, so this builds the
// same program with pastel's own modules (readCommands, generateCommand(s): the code that reads
// each command's schema) and the root settings `Pastel.run()` applies (pastel 4.0), for the help
// written at build time. The e2e test cli-help checks every command's help printed both ways.
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { programDescription, programName, programVersion } from '../program.js';

interface PastelCommand {
  description?: string;
  commands?: Map<string, PastelCommand>;
}
type ReadCommands = (directory: string) => Promise<Map<string, PastelCommand>>;
type GenerateCommand = (program: Command, command: PastelCommand, options: { appComponent: unknown }) => void;
type GenerateCommands = (program: Command, commands: Map<string, PastelCommand>, options: { appComponent: unknown }) => void;

async function pastelModule<T>(file: string): Promise<T> {
  // Not in pastel's exports map: loaded by file, next to pastel's entry point.
  return ((await import(new URL(file, import.meta.resolve('pastel')).href)) as { default: T }).default;
}

export async function pastelProgram(): Promise<Command> {
  const readCommands = await pastelModule<ReadCommands>('read-commands.js');
  const generateCommand = await pastelModule<GenerateCommand>('generate-command.js');
  const generateCommands = await pastelModule<GenerateCommands>('generate-commands.js');
  const appComponent = await pastelModule<unknown>('_app.js');
  const program = new Command();
  const commands = await readCommands(fileURLToPath(new URL('../commands', import.meta.url)));
  const indexCommand = commands.get('index');
  if (indexCommand !== undefined) {
    generateCommand(program, indexCommand, { appComponent });
    commands.delete('index');
  }
  generateCommands(program, commands, { appComponent });
  program.name(programName);
  program.version(programVersion(), '-v, --version', 'Show version number');
  program.description(indexCommand?.description ?? programDescription);
  program.helpOption('-h, --help', 'Show help');
  return program;
}

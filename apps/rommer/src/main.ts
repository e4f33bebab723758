import { programDescription, programName, programVersion } from './program.js';
import { reportParseFailuresAsUsage } from './runtime/usage-exit-code.js';

// The command line through pastel: every command, its flags parsed by commander and checked by
// its zod schema. cli.ts loads this unless it could answer --version or --help alone.

// React's development build costs start-up time and checks nobody reads here; a developer who
// wants it sets NODE_ENV. Set before pastel (and with it React and Ink) loads, hence the dynamic import.
process.env['NODE_ENV'] ??= 'production';
// pastel renders every command in an Ink app, and Ink asks for the terminal's width on stdout; off a
// terminal it has none, and Ink then spawns `tput` (twice, up to 0.5 s each). Nothing is drawn there.
if (process.stdout.isTTY !== true && process.stdout.columns === undefined) process.stdout.columns = 80;
const { default: Pastel } = await import('pastel');

const app = new Pastel({ importMeta: import.meta, name: programName, version: programVersion(), description: programDescription });

reportParseFailuresAsUsage();
await app.run();

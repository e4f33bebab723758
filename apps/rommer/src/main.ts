import { programDescription, programName, programVersion } from './program.js';
import { prepareProcess } from './runtime/process-setup.js';
import { reportParseFailuresAsUsage } from './runtime/usage-exit-code.js';

// The command line through pastel: every command, its flags parsed by commander and checked by
// its zod schema. cli.ts loads this unless it could answer --version or --help alone.

// Before pastel (and with it React and Ink) loads, hence the dynamic import.
prepareProcess();
const { default: Pastel } = await import('pastel');

const app = new Pastel({ importMeta: import.meta, name: programName, version: programVersion(), description: programDescription });

reportParseFailuresAsUsage();
await app.run();

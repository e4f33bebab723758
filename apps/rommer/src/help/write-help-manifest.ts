// Build step (`npm run build`): writes dist/help.json, the help of every command as the program
// pastel builds from the commands' zod schemas, so cli.ts can answer --help without pastel.
import { writeFileSync } from 'node:fs';
import { describeCommand } from './help-manifest.js';
import { pastelProgram } from './pastel-program.js';

writeFileSync(new URL('../help.json', import.meta.url), `${JSON.stringify(describeCommand(await pastelProgram()), null, 2)}\n`);

#!/usr/bin/env node
// The README's quick start, read from README.md itself so that CI runs exactly what a newcomer
// reads: the shell blocks of its first screen (everything before the first `## ` heading).
//
//   node .ci/readme-commands.mjs 1                         the first command (install, build, run)
//   node .ci/readme-commands.mjs 2                         the second (the tests)
//   node .ci/readme-commands.mjs count                     how many commands the first screen has
//   node .ci/readme-commands.mjs check-first-output FILE   did FILE (what command 1 printed) list
//                                                          every source of the README's Sources table?
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

const readmePath = new URL('../README.md', import.meta.url);

export function quickStartCommands(readme) {
  const firstScreen = readme.split(/^## /m)[0];
  return [...firstScreen.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1].trim());
}

export function sourceIds(readme) {
  const section = readme.split(/^## Sources$/m)[1]?.split(/^## /m)[0] ?? '';
  return [...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((match) => match[1]);
}

/** What is wrong with the first command's output, or an empty list. */
export function firstOutputProblems(readme, output) {
  const problems = [];
  const ids = sourceIds(readme);
  if (ids.length === 0) problems.push('README.md has no Sources table to check the output against');
  for (const id of ids) {
    if (!new RegExp(`^${id}\\s`, 'm').test(output)) problems.push(`the output does not list the source ${id}`);
  }
  for (const line of output.split('\n')) {
    if (/npm (warn|error)/.test(line) && /Unknown (project|env|user) config|404|ENOENT/.test(line)) problems.push(`npm complained: ${line.trim()}`);
  }
  return problems;
}

function main([what, file]) {
  const readme = fs.readFileSync(readmePath, 'utf8');
  const commands = quickStartCommands(readme);
  if (what === 'count') return console.log(String(commands.length));
  if (what === 'check-first-output') {
    const problems = firstOutputProblems(readme, fs.readFileSync(file, 'utf8'));
    for (const problem of problems) console.error(`README's first command: ${problem}`);
    if (problems.length > 0) process.exit(1);
    return console.log(`README's first command listed every source (${sourceIds(readme).join(', ')})`);
  }
  const n = Number(what);
  if (!Number.isInteger(n) || n < 1 || n > commands.length) {
    console.error(`README.md's first screen has ${commands.length} shell command(s); asked for ${what ?? 'nothing'}`);
    process.exit(2);
  }
  console.log(commands[n - 1]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) main(process.argv.slice(2));

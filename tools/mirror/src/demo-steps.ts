/** One rommer run of the demo: what it shows, then the arguments. */
export interface DemoStep {
  heading?: string;
  args: string[];
}

/** Runs `rommer <args>` and resolves with its exit code. */
export type RunRommer = (args: string[]) => Promise<number>;

/**
 * The demo's runs, in order: an update that imports, a second update that finds nothing to do, and
 * the catalogue listing. `extraUpdateArgs` (from `npm run demo -- …`) go to both updates.
 */
export function demoSteps(paths: string[], extraUpdateArgs: string[] = []): DemoStep[] {
  return [
    { args: ['update', '--import', ...extraUpdateArgs, ...paths] },
    { heading: 'A second run finds everything up to date:', args: ['update', ...extraUpdateArgs, ...paths] },
    { heading: 'What the catalogue holds:', args: ['dats', ...paths] },
  ];
}

/**
 * Runs the steps and returns the demo's exit code: the worst of the steps' codes, so a failure in
 * any step (a source failing, a rejected flag in the last listing) fails the demo. A usage or
 * configuration error (2) stops it: the steps after it would only repeat the error.
 */
export async function runDemoSteps(steps: DemoStep[], run: RunRommer, log: (line: string) => void = console.log): Promise<number> {
  let worst = 0;
  for (const step of steps) {
    if (step.heading) log(`\n${step.heading}\n`);
    const code = await run(step.args);
    if (code !== 0) log(`\nrommer ${step.args[0]} exited with ${code}.`);
    worst = Math.max(worst, code);
    if (code === 2) break;
  }
  return worst;
}

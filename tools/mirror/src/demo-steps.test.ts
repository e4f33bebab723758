import { describe, expect, it } from 'vitest';
import { demoSteps, runDemoSteps } from './demo-steps.js';

const paths = ['--config', '/tmp/c.conf', '--data-dir', '/tmp/data'];

async function exitCodeWhen(codes: Record<string, number>): Promise<{ code: number; ran: string[]; log: string[] }> {
  const ran: string[] = [];
  const log: string[] = [];
  const code = await runDemoSteps(
    demoSteps(paths),
    async (args) => {
      const name = args.join(' ').split(' --config')[0]!;
      ran.push(name);
      return codes[name] ?? 0;
    },
    (line) => log.push(line),
  );
  return { code, ran, log };
}

describe('the demo steps', () => {
  it('update with import, a second update, then the catalogue, each with the demo folders', () => {
    expect(demoSteps(paths, ['--source', 'tosec']).map((s) => s.args)).toEqual([
      ['update', '--import', '--source', 'tosec', ...paths],
      ['update', '--source', 'tosec', ...paths],
      ['dats', ...paths],
    ]);
  });

  it('exits 0 only when every step did', async () => {
    expect(await exitCodeWhen({})).toMatchObject({ code: 0, ran: ['update --import', 'update', 'dats'] });
  });

  it('fails when the last step (the catalogue listing) fails', async () => {
    const result = await exitCodeWhen({ dats: 2 });
    expect(result.code).toBe(2);
    expect(result.log).toContain('\nrommer dats exited with 2.');
  });

  it('keeps going after a failed source, and fails', async () => {
    expect(await exitCodeWhen({ 'update --import': 1 })).toMatchObject({ code: 1, ran: ['update --import', 'update', 'dats'] });
  });

  it('stops at a usage error', async () => {
    expect(await exitCodeWhen({ 'update --import': 2 })).toMatchObject({ code: 2, ran: ['update --import'] });
  });
});

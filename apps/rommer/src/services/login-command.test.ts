import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CredentialsError, UsageError } from '@rommer/core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runLoginCommand, runLogoutCommand } from './login-command.js';

let dir: string;
let config: string;
// Without a Secret Service (no D-Bus here), storing must fail clearly and fall back in words.
beforeAll(() => {
  // A bus address that cannot exist: never the developer's own keyring, whatever the machine runs.
  process.env['DBUS_SESSION_BUS_ADDRESS'] = 'unix:path=/nonexistent/rommer-test-bus';
  delete process.env['DISPLAY'];
});
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rommer-login-'));
  config = path.join(dir, 'sources.conf');
  await fs.writeFile(config, '[sources.redump]\nusername = "me"\n');
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

const piped = (text: string) => ({ stdin: Readable.from([Buffer.from(text)]), prompt: process.stderr });

describe('rommer login / logout', () => {
  it('reads the password from a piped stdin and says why it cannot store it without a keyring, never echoing it', async () => {
    const error = await runLoginCommand(['redump'], { config }, piped('s3cret-pw\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as Error).message).toMatch(/^OS keyring unavailable: .*; the password was not stored \(use ROMMER_REDUMP_PASSWORD/);
    expect((error as Error).message).not.toContain('s3cret-pw');
  });

  it('refuses sources without accounts, a missing source and an empty password', async () => {
    await expect(runLoginCommand(['tosec'], { config }, piped('x\n'))).rejects.toThrow(
      new UsageError('login: source "tosec" needs no account (sources with accounts: redump)'),
    );
    await expect(runLoginCommand([], { config }, piped('x\n'))).rejects.toBeInstanceOf(UsageError);
    await expect(runLoginCommand(['redump'], { config }, piped('\n'))).rejects.toThrow('login: no password given for redump; nothing was stored');
  });

  it('takes the username from the first line when none is configured', async () => {
    await fs.writeFile(config, '');
    await expect(runLoginCommand(['redump'], { config }, piped('\n\n'))).rejects.toThrow('login: no username given for redump');
    await expect(runLogoutCommand(['redump'], { config })).rejects.toThrow(
      'logout: no username: pass --username or set username in [sources.redump]',
    );
  });
});

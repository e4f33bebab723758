import { CancelledError, CredentialsError, UsageError, type SourceRegistry } from '@rommer/core';
import { deletePassword, keyringAccount, passwordEnvVar, setPassword } from '@rommer/core/credentials';
import { loadCommandContext } from './context.js';
import { printLine } from './output.js';

/** `rommer login|logout` flags as pastel hands them over: unvalidated. */
export interface LoginFlags {
  username?: string | undefined;
  config?: string | undefined;
  dataDir?: string | undefined;
}

/** Where prompts go and answers come from; the process's streams unless a test says otherwise. */
export interface LoginIo {
  stdin: NodeJS.ReadStream | NodeJS.ReadableStream;
  /** Prompts are written here (stderr), so stdout stays clean for scripts. */
  prompt: NodeJS.WritableStream;
}

const processIo = (): LoginIo => ({ stdin: process.stdin, prompt: process.stderr });

function accountSource(registry: SourceRegistry, command: string, args: string[]): string {
  if (args.length !== 1) throw new UsageError(`${command}: name one source (e.g. "rommer ${command} redump")`);
  const id = args[0]!;
  const withAccounts = registry.list().filter((s) => s.info.needsCredentials).map((s) => s.info.id);
  if (!registry.has(id)) throw new UsageError(`${command}: unknown source "${id}" (sources with accounts: ${withAccounts.join(', ')})`);
  if (!withAccounts.includes(id)) {
    throw new UsageError(`${command}: source "${id}" needs no account (sources with accounts: ${withAccounts.join(', ')})`);
  }
  return id;
}

function isTty(stream: LoginIo['stdin']): stream is NodeJS.ReadStream {
  return (stream as NodeJS.ReadStream).isTTY === true && typeof (stream as NodeJS.ReadStream).setRawMode === 'function';
}

/** Reads all of a piped stdin: scripts and tests give `username\npassword` or just the password. */
async function readLines(stream: NodeJS.ReadableStream): Promise<string[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
}

/**
 * Reads lines from a terminal in raw mode; with `secret`, nothing typed is echoed. Keys typed
 * ahead (before a prompt appears) are kept for the next prompt rather than lost.
 */
function terminalReader(io: LoginIo) {
  const stdin = io.stdin as NodeJS.ReadStream;
  let pending = '';
  return (question: string, secret: boolean): Promise<string> => {
    io.prompt.write(question);
    return new Promise<string>((resolve, reject) => {
      let answer = '';
      const wasRaw = stdin.isRaw;
      const finish = (rest: string, error?: Error) => {
        pending = rest;
        stdin.off('data', onData);
        stdin.setRawMode(wasRaw);
        stdin.pause();
        io.prompt.write('\n');
        if (error !== undefined) reject(error);
        else resolve(answer);
      };
      const consume = (text: string): boolean => {
        for (let i = 0; i < text.length; i++) {
          const char = text[i]!;
          if (char === '\r' || char === '\n') {
            // A CR LF pair is one Enter.
            const next = char === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
            finish(text.slice(next));
            return true;
          }
          if (char === '\u0003' || char === '\u0004') {
            finish('', new CancelledError('login cancelled'));
            return true;
          }
          if (char === '\u007f' || char === '\b') {
            if (answer.length > 0) {
              answer = answer.slice(0, -1);
              if (!secret) io.prompt.write('\b \b');
            }
            continue;
          }
          if (char < ' ') continue;
          answer += char;
          if (!secret) io.prompt.write(char);
        }
        return false;
      };
      const onData = (chunk: string) => void consume(chunk);
      stdin.setRawMode(true);
      stdin.setEncoding('utf8');
      const typedAhead = pending;
      pending = '';
      if (consume(typedAhead)) return;
      stdin.on('data', onData);
      stdin.resume();
    });
  };
}

/**
 * `rommer login <source>`: asks for the username (unless given or configured) and the password
 * (never echoed; read from stdin when it is not a terminal) and stores the password in the OS
 * keyring under service "rommer", account "<source>:<username>". Returns the exit code.
 */
export async function runLoginCommand(args: string[], flags: LoginFlags, io: LoginIo = processIo()): Promise<number> {
  const ctx = await loadCommandContext(flags);
  const id = accountSource(ctx.registry, 'login', args);
  const configured = ctx.config.sources.get(id)?.config['username'];
  let username = flags.username ?? (typeof configured === 'string' && configured !== '' ? configured : undefined);
  let password: string;
  if (isTty(io.stdin)) {
    const ask = terminalReader(io);
    username ??= (await ask(`${id} username: `, false)).trim();
    password = await ask(`${id} password for ${username} (not shown): `, true);
  } else {
    const lines = await readLines(io.stdin);
    if (username === undefined) username = (lines.shift() ?? '').trim();
    password = lines[0] ?? '';
  }
  if (username === '') throw new UsageError(`login: no username given for ${id}`);
  if (password === '') throw new CredentialsError(`login: no password given for ${id}; nothing was stored`);
  try {
    await setPassword(id, username, password);
  } catch (error) {
    if (error instanceof CredentialsError) {
      throw new CredentialsError(
        `${error.message}; the password was not stored (use ${passwordEnvVar(id)}, or password in [sources.${id}] of the config file)`,
      );
    }
    throw error;
  }
  printLine(`Stored the ${id} password for "${username}" in the OS keyring (service rommer, account ${keyringAccount(id, username)}).`);
  if (configured !== username) {
    printLine(`rommer update uses it when [sources.${id}] has username = "${username}" (in ${ctx.paths.configFile}).`);
  }
  return 0;
}

/** `rommer logout <source>`: removes the stored password from the OS keyring. */
export async function runLogoutCommand(args: string[], flags: LoginFlags): Promise<number> {
  const ctx = await loadCommandContext(flags);
  const id = accountSource(ctx.registry, 'logout', args);
  const configured = ctx.config.sources.get(id)?.config['username'];
  const username = flags.username ?? (typeof configured === 'string' && configured !== '' ? configured : undefined);
  if (username === undefined) {
    throw new UsageError(`logout: no username: pass --username or set username in [sources.${id}]`);
  }
  const removed = await deletePassword(id, username);
  printLine(
    removed
      ? `Removed the ${id} password for "${username}" from the OS keyring.`
      : `No ${id} password for "${username}" was stored in the OS keyring.`,
  );
  return 0;
}

import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** PostgreSQL could not be provisioned or started; the message says what failed and how to fix it. */
export class PostgresSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PostgresSetupError';
  }
}

/** Options of {@link runCommand}. */
export interface CommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Receives each output line as it arrives, for long installs. */
  onLine?: (line: string) => void;
}

/** Runs a command to completion and returns its output; on failure throws naming the command, exit code and output tail. */
export function runCommand(command: string, args: readonly string[], options: CommandOptions = {}): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let pending = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      if (!options.onLine) return;
      const lines = (pending + text).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) options.onLine(line);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(new PostgresSetupError(`Could not run ${command}: ${error.code === 'ENOENT' ? 'not installed or not on PATH' : error.message}`));
    });
    child.on('close', (code) => {
      if (pending.trim()) options.onLine?.(pending);
      if (code === 0) resolvePromise(output);
      else reject(new PostgresSetupError(`${command} ${args.join(' ')} failed with exit code ${code}:\n${tail(output, 20)}`));
    });
  });
}

/** The last lines of a command's output, for error messages. */
export function tail(text: string, lines: number): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/** The executable's full path when `name` is an executable file in one of the PATH folders. */
export function findOnPath(name: string, searchPath = process.env['PATH'] ?? ''): string | undefined {
  for (const folder of searchPath.split(delimiter).filter(Boolean)) {
    const candidate = join(folder, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** True when the file exists and may be executed. */
export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** True when this process runs as root (PostgreSQL refuses to run as root, apt-get needs it). */
export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The user a server runs as when this process is root. */
export interface ServiceUser {
  name: string;
  uid: number;
  gid: number;
}

/** Looks a user up in /etc/passwd; undefined when there is no such user. */
export function findUser(name: string, passwdFile = '/etc/passwd'): ServiceUser | undefined {
  let passwd: string;
  try {
    passwd = readFileSync(passwdFile, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of passwd.split('\n')) {
    const [user, , uid, gid] = line.split(':');
    if (user === name && uid !== undefined && gid !== undefined) return { name, uid: Number(uid), gid: Number(gid) };
  }
  return undefined;
}

/**
 * The command line that runs `command` as `user`. runuser passes arguments through untouched, so it is
 * preferred; su (which needs one shell string) is the fallback on systems without util-linux's runuser.
 */
export function asUser(user: string, command: string, args: readonly string[]): { command: string; args: string[] } {
  const runuser = findOnPath('runuser', `${process.env['PATH'] ?? ''}${delimiter}/usr/sbin${delimiter}/sbin`);
  if (runuser) return { command: runuser, args: ['-u', user, '--', command, ...args] };
  return { command: 'su', args: [user, '-s', '/bin/sh', '-c', [command, ...args].map(shellQuote).join(' ')] };
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

import { spawn } from 'node:child_process';
import { StackError } from './console-progress';

/** Options of a command run to completion. */
export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Shown when the command fails, telling the user how to fix it. */
  hint: string;
  /** Streams each output line to the console with this prefix, for long downloads and builds. */
  echoPrefix?: string;
  /** How many of the last output lines a failure shows (default 15). */
  failureTailLines?: number;
}

/** Runs a command to completion and returns its stdout; on failure throws a StackError with the tail of its output. */
export function runCommand(command: string, args: readonly string[], options: RunOptions): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      if (options.echoPrefix) for (const line of text.split('\n').filter(Boolean)) process.stdout.write(`${options.echoPrefix} ${line}\n`);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error: NodeJS.ErrnoException) => {
      const missing = error.code === 'ENOENT' ? `"${command}" is not installed or not on PATH` : error.message;
      reject(new StackError(`Could not run ${command}: ${missing}`, options.hint));
    });
    child.on('close', (code) => {
      if (code === 0) resolvePromise(output);
      else reject(new StackError(`${command} ${args.join(' ')} failed with exit code ${code}:\n${output.trim().split('\n').slice(-(options.failureTailLines ?? 15)).join('\n')}`, options.hint));
    });
  });
}

/** True when a command exists on PATH. */
export async function commandExists(command: string): Promise<boolean> {
  try {
    await runCommand(command, ['--version'], { hint: '' });
    return true;
  } catch {
    try {
      await runCommand(command, ['version'], { hint: '' });
      return true;
    } catch {
      return false;
    }
  }
}

/** Runs a command with the console attached, so its progress shows live, and resolves with its exit code. */
export function runAttached(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<number> {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: 'inherit' });
    child.on('close', (code) => resolvePromise(code ?? 1));
  });
}

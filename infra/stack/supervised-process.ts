import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StackError } from './console-progress';

/** How to start one component of the stack. */
export interface ComponentSpec {
  name: string;
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  logFile: string;
}

/** A running component whose output goes to its log file. */
export class SupervisedProcess {
  private exited = false;
  private exitCode: number | null = null;
  private onUnexpectedExit?: (name: string, code: number | null) => void;

  private constructor(
    readonly spec: ComponentSpec,
    private readonly child: ChildProcess,
  ) {
    child.once('exit', (code) => {
      this.exited = true;
      this.exitCode = code;
      this.onUnexpectedExit?.(spec.name, code);
    });
  }

  /** Starts the component in its own process group, so stopping it also stops anything it spawned. */
  static start(spec: ComponentSpec): SupervisedProcess {
    mkdirSync(dirname(spec.logFile), { recursive: true });
    const log = createWriteStream(spec.logFile, { flags: 'a' });
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    return new SupervisedProcess(spec, child);
  }

  /** Process id of the component. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Throws a StackError pointing at the log when the component has already died. */
  assertRunning(): void {
    if (this.exited) {
      throw new StackError(`${this.spec.name} exited with code ${this.exitCode} during start-up.`, `Read its log: ${this.spec.logFile}`);
    }
  }

  /** Registers what to do if the component dies while the stack runs. */
  watch(handler: (name: string, code: number | null) => void): void {
    this.onUnexpectedExit = handler;
  }

  /** True until the process has exited. */
  isRunning(): boolean {
    return !this.exited;
  }

  /**
   * Sends a signal to the component's process group (SIGKILL: as a crash would, with no chance to clean up) and
   * waits until the process has exited; the exit is expected, so the unexpected-exit handler is not called.
   */
  async kill(signal: NodeJS.Signals): Promise<void> {
    this.onUnexpectedExit = undefined;
    if (this.exited || this.child.pid === undefined) return;
    const exited = new Promise<void>((resolvePromise) => this.child.once('exit', () => resolvePromise()));
    signalGroup(this.child.pid, signal);
    await exited;
  }

  /** Asks the component to stop (SIGTERM), and kills it if it has not stopped within the grace period. */
  async stop(graceMs = 10_000): Promise<void> {
    this.onUnexpectedExit = undefined;
    if (this.exited || this.child.pid === undefined) return;
    const exited = new Promise<void>((resolvePromise) => this.child.once('exit', () => resolvePromise()));
    signalGroup(this.child.pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(this.child.pid as number, 'SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone: nothing to stop.
  }
}

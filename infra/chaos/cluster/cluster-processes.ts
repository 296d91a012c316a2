import { waitUntil } from '../../stack/ports';
import type { SupervisedProcess } from '../../stack/supervised-process';

/** What a process of the cluster is, as the nemesis chooses its targets. */
export type ProcessKind = 'kafka' | 'temporal' | 'oidc' | 'toxiproxy' | 'worker' | 'service';

/** How the cluster starts one of its processes again and tells when it is ready. */
export interface ManagedProcessSpec {
  name: string;
  kind: ProcessKind;
  /** For a worker or service instance: its component (`identity`, `worker`, ...). */
  component?: string;
  /** Starts the process (it may resolve before the process is ready). */
  start(): Promise<SupervisedProcess>;
  /** True when the process answers as a healthy one would (its health route, its port, its quorum). */
  healthy(): Promise<boolean>;
  /** How long a start may take before the process counts as failed to start. */
  readyTimeoutMs: number;
}

/** A process of the cluster as the handle reports it. */
export interface ClusterProcessInfo {
  name: string;
  kind: ProcessKind;
  component?: string;
  pid?: number;
  running: boolean;
  logFile?: string;
}

/** The cluster's processes by name: each can be killed, asked whether it runs, and started again the same way. */
export class ProcessTable {
  private readonly specs = new Map<string, ManagedProcessSpec>();
  private readonly current = new Map<string, SupervisedProcess>();

  constructor(private readonly onUnexpectedExit: (name: string, code: number | null) => void) {}

  /** Starts a process for the first time and keeps it under its name. */
  async add(spec: ManagedProcessSpec): Promise<SupervisedProcess> {
    if (this.specs.has(spec.name)) throw new Error(`The cluster already has a process named ${spec.name}`);
    this.specs.set(spec.name, spec);
    return this.launch(spec);
  }

  /** Every process, in the order they were added. */
  list(): ClusterProcessInfo[] {
    return [...this.specs.values()].map((spec) => {
      const process = this.current.get(spec.name);
      return { name: spec.name, kind: spec.kind, component: spec.component, pid: process?.pid, running: process?.isRunning() ?? false, logFile: process?.spec.logFile };
    });
  }

  /** The names of the processes of a kind. */
  names(kind: ProcessKind): string[] {
    return [...this.specs.values()].filter((spec) => spec.kind === kind).map((spec) => spec.name);
  }

  /** Signals the process (SIGKILL by default: a crash) and waits until it has exited. */
  async kill(name: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    this.spec(name);
    await this.current.get(name)?.kill(signal);
  }

  /** Starts a stopped or killed process again the way it was first started; refuses one still running. */
  async restart(name: string): Promise<void> {
    if (this.isRunning(name)) throw new Error(`${name} is still running; kill it before restarting it`);
    await this.launch(this.spec(name));
  }

  /** True while the process runs. */
  isRunning(name: string): boolean {
    this.spec(name);
    return this.current.get(name)?.isRunning() ?? false;
  }

  /** True when the process runs and answers as healthy. */
  async isHealthy(name: string): Promise<boolean> {
    return this.isRunning(name) && (await this.spec(name).healthy());
  }

  /** Stops every process, the last started first, so clients go before what they talk to. */
  async stopAll(): Promise<void> {
    for (const name of [...this.specs.keys()].reverse()) await this.current.get(name)?.stop();
  }

  private spec(name: string): ManagedProcessSpec {
    const spec = this.specs.get(name);
    if (!spec) throw new Error(`The cluster has no process named ${name}; it has ${[...this.specs.keys()].join(', ')}`);
    return spec;
  }

  private async launch(spec: ManagedProcessSpec): Promise<SupervisedProcess> {
    const process = await spec.start();
    this.current.set(spec.name, process);
    process.watch((name, code) => this.onUnexpectedExit(name, code));
    await waitUntil(
      async () => {
        process.assertRunning();
        return spec.healthy();
      },
      spec.readyTimeoutMs,
      `${spec.name} to become healthy`,
      `Read its log: ${process.spec.logFile}`,
    );
    return process;
  }
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { ChaosCluster } from '../cluster/start-cluster';
import type { FaultRecorder } from './fault-recorder';
import { type FaultPlan, KILL_KINDS, type PlannedFault } from './plan-faults';

/** What the nemesis needs of a cluster: its processes and its proxies (a {@link ChaosCluster} has them all). */
export type NemesisCluster = Pick<ChaosCluster, 'kill' | 'restart' | 'isHealthy' | 'processes' | 'proxiesOf' | 'toxiproxy'>;

/** Settings of {@link runNemesis}. */
export interface NemesisOptions {
  /** How long every process may take to be healthy again after the last fault (default 180 s). */
  settleTimeoutMs?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /** Tries at healing one fault before the run is failed (default 5). */
  healAttempts?: number;
  /** The pause after a failed heal, doubled after each try up to 30 s (default 5 s). */
  healRetryDelayMs?: number;
}

/** How a run of the nemesis went. */
export interface NemesisSummary {
  injected: number;
  healed: number;
}

/**
 * Executes a fault plan against a running cluster: each fault starts at its moment from now, is reported to the
 * recorder as it starts, and is healed (the process restarted, the toxic removed, the link enabled) after its
 * pause, reported again once healed. Resolves after every fault has healed and every process is healthy again.
 */
export async function runNemesis(plan: FaultPlan, cluster: NemesisCluster, recorder: FaultRecorder, options: NemesisOptions = {}): Promise<NemesisSummary> {
  const log = options.log ?? (() => undefined);
  const startedAt = Date.now();
  const summary: NemesisSummary = { injected: 0, healed: 0 };
  // Each lane (kills, network faults) waits for its previous fault to heal: a restart slower than its slot
  // (a worker under load) must not leave two processes down at once, which the quorum does not survive.
  const laneHealed = new Map<string, Promise<unknown>>();
  // Settled, not raced: a fault that fails to heal must not leave the others unhealed behind it.
  const outcomes = await Promise.allSettled(
    plan.faults.map((fault) => {
      const lane = laneOf(fault);
      const previous = laneHealed.get(lane) ?? Promise.resolve();
      const run = previous.catch(() => undefined).then(() => runFault(fault));
      laneHealed.set(lane, run);
      return run;
    }),
  );
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  await waitUntilHealthy(cluster, options.settleTimeoutMs ?? 180_000);
  return summary;

  async function runFault(fault: PlannedFault): Promise<void> {
    await sleep(Math.max(0, startedAt + fault.atMs - Date.now()));
    const heal = await inject(fault, cluster);
    summary.injected += 1;
    await recorder.faultInjected({ faultId: fault.faultId, kind: fault.kind, target: fault.target, parameters: fault.parameters });
    log(`${fault.faultId}: ${fault.kind} on ${fault.target} (${JSON.stringify(fault.parameters)})`);
    await sleep(fault.healAfterMs);
    await healWithRetries(fault, heal);
    summary.healed += 1;
    await recorder.faultHealed({ faultId: fault.faultId });
    log(`${fault.faultId}: healed`);
  }

  /**
   * A restart can fail for a reason of the moment (a service started while another fault still cuts it off
   * from Kafka gives up and exits): it is tried again, and each failure logged, before the run is failed.
   */
  async function healWithRetries(fault: PlannedFault, heal: () => Promise<void>): Promise<void> {
    const attempts = options.healAttempts ?? 5;
    let delayMs = options.healRetryDelayMs ?? 5_000;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await heal();
      } catch (error) {
        if (attempt >= attempts) throw error;
        log(`${fault.faultId}: heal failed (try ${attempt} of ${attempts}: ${error instanceof Error ? error.message : String(error)}); trying again in ${delayMs / 1000} s`);
        await sleep(delayMs);
        delayMs = Math.min(delayMs * 2, 30_000);
      }
    }
  }
}

/** Kills share one lane and network faults another, as `planFaults` plans them. */
function laneOf(fault: PlannedFault): 'kill' | 'network' {
  return (KILL_KINDS as readonly string[]).includes(fault.kind) ? 'kill' : 'network';
}

/** Applies one fault and returns how to heal it. */
async function inject(fault: PlannedFault, cluster: NemesisCluster): Promise<() => Promise<void>> {
  switch (fault.kind) {
    case 'kill-worker':
    case 'kill-service':
    case 'kill-broker':
    case 'kill-temporal':
      await cluster.kill(fault.target, 'SIGKILL');
      return () => cluster.restart(fault.target);
    case 'partition': {
      // A disabled proxy closes the link's open connections and refuses new ones until enabled again.
      const proxies = proxiesOf(cluster, fault.target);
      for (const proxy of proxies) await cluster.toxiproxy.setEnabled(proxy, false);
      return async () => {
        for (const proxy of proxies) await cluster.toxiproxy.setEnabled(proxy, true);
      };
    }
    case 'latency':
    case 'reset': {
      const proxies = proxiesOf(cluster, fault.target);
      const toxic = fault.faultId;
      for (const proxy of proxies) {
        await cluster.toxiproxy.addToxic(
          proxy,
          fault.kind === 'latency'
            ? { name: toxic, stream: 'downstream', toxicity: 1, toxic: { type: 'latency', attributes: { latency: Number(fault.parameters['latencyMs']), jitter: Number(fault.parameters['jitterMs']) } } }
            : { name: toxic, stream: 'upstream', toxicity: 1, toxic: { type: 'reset_peer', attributes: { timeout: Number(fault.parameters['resetAfterMs']) } } },
        );
      }
      return async () => {
        for (const proxy of proxies) await cluster.toxiproxy.removeToxic(proxy, toxic);
      };
    }
  }
}

function proxiesOf(cluster: NemesisCluster, link: string): string[] {
  const proxies = cluster.proxiesOf(link);
  if (proxies.length === 0) throw new Error(`The cluster has no proxy on ${link}`);
  return proxies;
}

/** Waits until every process of the cluster answers healthy, naming those that do not when time runs out. */
export async function waitUntilHealthy(cluster: Pick<NemesisCluster, 'processes' | 'isHealthy'>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = cluster.processes().map((process) => process.name);
    const unhealthy: string[] = [];
    for (const name of names) if (!(await cluster.isHealthy(name))) unhealthy.push(name);
    if (unhealthy.length === 0) return;
    if (Date.now() > deadline) throw new Error(`Not healthy ${timeoutMs / 1000} s after the last fault: ${unhealthy.join(', ')}`);
    await sleep(1_000);
  }
}

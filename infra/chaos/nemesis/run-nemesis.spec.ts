import type { ToxicRequest } from '../cluster/toxiproxy-client';
import type { InjectedFault } from './fault-recorder';
import type { FaultPlan } from './plan-faults';
import { type NemesisCluster, runNemesis } from './run-nemesis';

/** A cluster that only notes what the nemesis did to it, in order. */
function fakeCluster(options: { healthyAfterRestart?: boolean } = {}) {
  const actions: string[] = [];
  const down = new Set<string>();
  const cluster: NemesisCluster = {
    kill: async (name, signal) => {
      actions.push(`kill ${name} ${signal}`);
      down.add(name);
    },
    restart: async (name) => {
      actions.push(`restart ${name}`);
      if (options.healthyAfterRestart !== false) down.delete(name);
    },
    isHealthy: async (name) => !down.has(name),
    processes: () => ['kafka-1', 'worker-1'].map((name) => ({ name, kind: 'kafka', running: !down.has(name) })),
    proxiesOf: (link) => (link === 'link:identity:kafka' ? ['identity-kafka-1', 'identity-kafka-2'] : []),
    toxiproxy: {
      setEnabled: async (proxy: string, enabled: boolean) => void actions.push(`${enabled ? 'enable' : 'disable'} ${proxy}`),
      addToxic: async (proxy: string, toxic: ToxicRequest) => void actions.push(`add ${toxic.toxic.type} ${toxic.name} ${proxy}`),
      removeToxic: async (proxy: string, toxic: string) => void actions.push(`remove ${toxic} ${proxy}`),
    } as unknown as NemesisCluster['toxiproxy'],
  };
  return { cluster, actions };
}

function recorder() {
  const records: string[] = [];
  return {
    records,
    faultInjected: (fault: InjectedFault) => void records.push(`injected ${fault.faultId} ${fault.kind} ${fault.target}`),
    faultHealed: (fault: { faultId: string }) => void records.push(`healed ${fault.faultId}`),
  };
}

// Faults far apart against their 20 ms pauses, so a busy machine (CI runs this beside a cluster) keeps their order.
const plan: FaultPlan = {
  seed: 1,
  durationMs: 700,
  faults: [
    { faultId: 'f1', kind: 'kill-broker', target: 'kafka-1', atMs: 0, healAfterMs: 20, parameters: { signal: 'SIGKILL', pauseMs: 20 } },
    { faultId: 'f2', kind: 'partition', target: 'link:identity:kafka', atMs: 300, healAfterMs: 20, parameters: { durationMs: 20 } },
    { faultId: 'f3', kind: 'latency', target: 'link:identity:kafka', atMs: 600, healAfterMs: 20, parameters: { durationMs: 20, latencyMs: 300, jitterMs: 10 } },
  ],
};

describe('runNemesis', () => {
  it('kills and restarts, partitions and heals, adds and removes toxics, reporting each fault as it starts and heals', async () => {
    const { cluster, actions } = fakeCluster();
    const faults = recorder();
    const summary = await runNemesis(plan, cluster, faults, { settleTimeoutMs: 1_000 });
    expect(summary).toEqual({ injected: 3, healed: 3 });
    expect(actions).toEqual([
      'kill kafka-1 SIGKILL',
      'restart kafka-1',
      'disable identity-kafka-1',
      'disable identity-kafka-2',
      'enable identity-kafka-1',
      'enable identity-kafka-2',
      'add latency f3 identity-kafka-1',
      'add latency f3 identity-kafka-2',
      'remove f3 identity-kafka-1',
      'remove f3 identity-kafka-2',
    ]);
    expect(faults.records).toEqual(['injected f1 kill-broker kafka-1', 'healed f1', 'injected f2 partition link:identity:kafka', 'healed f2', 'injected f3 latency link:identity:kafka', 'healed f3']);
  });

  it('tries a failed restart again, logging why, and fails the run only when every try has failed', async () => {
    const { cluster, actions } = fakeCluster();
    const restart = cluster.restart;
    let failures = 1;
    cluster.restart = async (name) => {
      if (failures-- > 0) throw new Error(`${name} exited while starting`);
      await restart(name);
    };
    const lines: string[] = [];
    const kill: FaultPlan = { seed: 1, durationMs: 50, faults: [plan.faults[0] as FaultPlan['faults'][number]] };
    const faults = recorder();

    await expect(runNemesis(kill, cluster, faults, { settleTimeoutMs: 1_000, healRetryDelayMs: 10, log: (line) => lines.push(line) })).resolves.toEqual({ injected: 1, healed: 1 });
    expect(actions).toEqual(['kill kafka-1 SIGKILL', 'restart kafka-1']);
    expect(lines).toContain('f1: heal failed (try 1 of 5: kafka-1 exited while starting); trying again in 0.01 s');
    expect(faults.records).toEqual(['injected f1 kill-broker kafka-1', 'healed f1']);

    failures = 3;
    await expect(runNemesis(kill, cluster, recorder(), { settleTimeoutMs: 1_000, healAttempts: 3, healRetryDelayMs: 10 })).rejects.toThrow('kafka-1 exited while starting');
  });

  it('starts a kill only once the kill before it has healed, so a slow restart never leaves two processes down', async () => {
    const { cluster, actions } = fakeCluster();
    const slowRestart = cluster.restart;
    cluster.restart = async (name) => {
      await new Promise((resolve) => setTimeout(resolve, name === 'kafka-1' ? 80 : 0));
      await slowRestart(name);
    };
    const overlapping: FaultPlan = {
      seed: 1,
      durationMs: 100,
      faults: [
        { faultId: 'k1', kind: 'kill-broker', target: 'kafka-1', atMs: 0, healAfterMs: 10, parameters: { signal: 'SIGKILL', pauseMs: 10 } },
        { faultId: 'k2', kind: 'kill-worker', target: 'worker-1', atMs: 20, healAfterMs: 10, parameters: { signal: 'SIGKILL', pauseMs: 10 } },
        { faultId: 'n1', kind: 'latency', target: 'link:identity:kafka', atMs: 20, healAfterMs: 10, parameters: { durationMs: 10, latencyMs: 100, jitterMs: 0 } },
      ],
    };
    await runNemesis(overlapping, cluster, recorder(), { settleTimeoutMs: 1_000 });
    const kills = actions.filter((action) => action.startsWith('kill') || action.startsWith('restart'));
    expect(kills).toEqual(['kill kafka-1 SIGKILL', 'restart kafka-1', 'kill worker-1 SIGKILL', 'restart worker-1']);
    // The network lane does not wait for the kill lane.
    expect(actions.indexOf('add latency n1 identity-kafka-1')).toBeLessThan(actions.indexOf('restart kafka-1'));
  });

  it('fails, naming the process, when something is not healthy again after the faults', async () => {
    const { cluster } = fakeCluster({ healthyAfterRestart: false });
    await expect(runNemesis({ ...plan, faults: plan.faults.slice(0, 1) }, cluster, recorder(), { settleTimeoutMs: 100 })).rejects.toThrow(/Not healthy .*kafka-1/);
  });

  it('refuses a network fault on a link the cluster has no proxy for', async () => {
    const { cluster } = fakeCluster();
    const unknownLink = { ...plan, faults: [{ ...plan.faults[1], target: 'link:nobody:kafka' } as FaultPlan['faults'][number]] };
    await expect(runNemesis(unknownLink, cluster, recorder(), { settleTimeoutMs: 100 })).rejects.toThrow(/no proxy on link:nobody:kafka/);
  });
});

import { ConfigError } from '@oioo/config';
import { DEFAULT_PILOT_ID } from '@oioo/contracts';
import { loadWorkerConfig } from './worker-config';

/** The message the worker would stop with, or undefined when the environment is accepted. */
function startUpError(env: Record<string, string>): string | undefined {
  try {
    loadWorkerConfig(env);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
}

describe('worker configuration', () => {
  it('runs the default pilot’s ledger on the RULES.md defaults when nothing is set', () => {
    const config = loadWorkerConfig({});

    expect(config.ledger).toEqual({ pilotId: DEFAULT_PILOT_ID, policy: {} });
    expect(config.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(config.IDENTITY_URL).toBe('http://127.0.0.1:3101');
  });

  it('Q2 Q4 E6 passes the ledger policy that is set, and only that', () => {
    const config = loadWorkerConfig({
      PILOT_ID: 'pilot_ukfr20270101',
      LEDGER_TOLERANCE: '2',
      LEDGER_WEEKLY_CAP: '20',
      LEDGER_AUTO_PAUSE_IMBALANCE: '10',
      LEDGER_PRIORITY_NATIONALITIES: 'eri, SDN',
      LEDGER_TIME_COMPRESSION: '1440',
      KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9092',
    });

    expect(config.ledger).toEqual({
      pilotId: 'pilot_ukfr20270101',
      policy: { tolerance: 2, weeklyCap: 20, autoPauseImbalance: 10, priority: { nationalities: ['ERI', 'SDN'], ukLinkFirst: true }, timeCompression: 1440 },
    });
    expect(config.kafka.brokers).toEqual(['kafka-1:9092', 'kafka-2:9092']);
  });

  it('leaves time compression out at 1, and treats empty values as unset', () => {
    expect(loadWorkerConfig({ LEDGER_TIME_COMPRESSION: '1', PILOT_ID: '', LEDGER_WEEKLY_CAP: '' }).ledger).toEqual({ pilotId: DEFAULT_PILOT_ID, policy: {} });
  });

  it('stops on a PILOT_ID that is not an opaque pilot id, naming it', () => {
    expect(startUpError({ PILOT_ID: 'UK-France pilot' })).toMatch(/PILOT_ID: must be an opaque id like pilot_/);
    expect(startUpError({ PILOT_ID: 'case_01J9ZQ4X7K3M2N8P6R5T' })).toMatch(/PILOT_ID: must start with "pilot_"/);
  });

  it('E6 stops on a priority list that is not alpha-3 codes, naming each bad entry', () => {
    expect(startUpError({ LEDGER_PRIORITY_NATIONALITIES: 'ERI,Sudan,ER' })).toMatch(/LEDGER_PRIORITY_NATIONALITIES: must list ISO 3166-1 alpha-3 codes such as ERI,SDN; not Sudan, ER/);
  });

  it('Q2 stops on a policy the ledger would refuse, in the ledger’s words, naming the variable', () => {
    expect(startUpError({ LEDGER_WEEKLY_CAP: '0' })).toMatch(/LEDGER_WEEKLY_CAP: ledger policy: weeklyCap must be a whole number of places, 1 or more/);
    expect(startUpError({ LEDGER_TOLERANCE: '-1' })).toMatch(/LEDGER_TOLERANCE: ledger policy: tolerance must be a whole number of places, 0 or more/);
    expect(startUpError({ LEDGER_TOLERANCE: 'two' })).toMatch(/LEDGER_TOLERANCE: must be a whole number/);
    expect(startUpError({ LEDGER_AUTO_PAUSE_IMBALANCE: '2.5' })).toMatch(/LEDGER_AUTO_PAUSE_IMBALANCE: must be a whole number/);
  });

  it('stops on a time compression below 1', () => {
    expect(startUpError({ LEDGER_TIME_COMPRESSION: '0.5' })).toMatch(/LEDGER_TIME_COMPRESSION: must be a number, 1 or more/);
    expect(startUpError({ LEDGER_TIME_COMPRESSION: 'fast' })).toMatch(/LEDGER_TIME_COMPRESSION: must be a number, 1 or more/);
  });

  it('names every bad variable, the worker’s and Kafka’s, in one message', () => {
    const message = startUpError({ PILOT_ID: 'nope', KAFKA_BROKERS: 'localhost' });
    expect(message).toMatch(/PILOT_ID/);
    expect(message).toMatch(/KAFKA_BROKERS: each broker must read host:port/);
  });

  it('S4 sweeps daily on the default retention policy, and takes the periods and interval that are set', () => {
    const defaults = loadWorkerConfig({});
    expect(defaults.RETENTION_SWEEP_INTERVAL).toEqual({ iso: 'P1D', ms: 86_400_000 });
    expect(defaults.retention['closed-case-histories'].iso).toBe('P1Y');
    expect(defaults.CASEWORK_URL).toBe('http://127.0.0.1:3104');
    const set = loadWorkerConfig({ RETENTION_SWEEP_INTERVAL: 'PT1H', RETENTION_CLOSED_CASE_HISTORIES: 'PT30S' });
    expect(set.RETENTION_SWEEP_INTERVAL.ms).toBe(3_600_000);
    expect(set.retention['closed-case-histories'].ms).toBe(30_000);
  });

  it('S4 stops on a period that is not an ISO-8601 duration, naming the variable', () => {
    const message = startUpError({ RETENTION_SWEEP_INTERVAL: 'daily', RETENTION_DEAD_LETTERS: '90 days' });
    expect(message).toMatch(/RETENTION_SWEEP_INTERVAL: must be an ISO-8601 duration/);
    expect(message).toMatch(/RETENTION_DEAD_LETTERS: must be an ISO-8601 duration/);
  });

  it('checks the ledger for a diverged task every 30 s by default, at the interval set, or not at all', () => {
    expect(loadWorkerConfig({}).LEDGER_DIVERGENCE_CHECK).toEqual({ iso: 'PT30S', ms: 30_000 });
    expect(loadWorkerConfig({ LEDGER_DIVERGENCE_CHECK: 'PT5S' }).LEDGER_DIVERGENCE_CHECK).toEqual({ iso: 'PT5S', ms: 5_000 });
    expect(loadWorkerConfig({ LEDGER_DIVERGENCE_CHECK: 'off' }).LEDGER_DIVERGENCE_CHECK).toBe('off');
    expect(startUpError({ LEDGER_DIVERGENCE_CHECK: 'sometimes' })).toMatch(/LEDGER_DIVERGENCE_CHECK/);
  });
});

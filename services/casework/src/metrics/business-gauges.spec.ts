import { type Client } from '@temporalio/client';
import { ledgerWorkflowId } from '@oioo/contracts';
import { metricsRegistry } from '@oioo/observability';
import { LedgerReader } from '../cases/ledger-reader';
import { type CaseworkConfig } from '../config/casework-config';
import { BusinessGauges } from './business-gauges.service';

const config: CaseworkConfig = { pilotId: 'pilot_ukfr20250806', queueScanLimit: 100, chainHeadIntervalSeconds: 0 };

/** Visibility and the ledger as the gauges read them: counts by query (running cases by kind and state among them), the balance query. */
function fakeTemporal(balance: Record<string, unknown>): { client: Client; queries: string[] } {
  const queries: string[] = [];
  // Running cases as visibility holds them: kind and state (none before a case's first workflow task).
  const running: { kind: string; state?: string }[] = [
    { kind: 'readmission', state: 'screening' },
    { kind: 'readmission', state: 'screening' },
    { kind: 'readmission', state: 'awaiting-detention' },
    { kind: 'readmission' },
    { kind: 'eoi', state: 'decision' },
  ];
  const client = {
    workflow: {
      count: async (query: string) => {
        queries.push(query);
        const readmission = query.includes(`CaseKind = 'readmission'`);
        if (query.includes('OnHold = true')) return { count: readmission ? 2 : 0 };
        if (query.includes('CaseAlerts IN')) return { count: readmission ? 1 : 0 };
        if (query.includes('NextDeadline <')) return { count: readmission ? 3 : 1 };
        const kind = /CaseKind = '([a-z]+)'/.exec(query)?.[1];
        const state = /CaseState = '([a-z-]+)'/.exec(query)?.[1];
        return { count: running.filter((entry) => entry.kind === kind && (state === undefined || entry.state === state)).length };
      },
      list: () => {
        throw new Error('the gauges count; they never list cases');
      },
      getHandle: (workflowId: string) => ({
        query: async () => {
          if (workflowId !== ledgerWorkflowId(config.pilotId)) throw new Error(`no workflow ${workflowId}`);
          return balance;
        },
      }),
    },
  } as unknown as Client;
  return { client, queries };
}

async function gauge(name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const metric = (await metricsRegistry.getMetricsAsJSON()).find((candidate) => candidate.name === name);
  return metric?.values.find((value) => Object.entries(labels).every(([key, wanted]) => String(value.labels[key]) === wanted))?.value;
}

describe('business gauges', () => {
  beforeEach(() => metricsRegistry.resetMetrics());

  it('read case counts from visibility and the ledger figures from its balance query, as counts only', async () => {
    const balance = { readmissions: 10, admissions: 8, grantsOutstanding: 4, eoisHeld: 1, placesHeld: 2, imbalance: 2, tolerance: 0, headroom: 0, paused: true };
    const { client, queries } = fakeTemporal(balance);
    await new BusinessGauges(client, config, new LedgerReader(client, config)).refresh(new Date('2026-03-02T10:00:00Z'));

    expect(await gauge('oioo_cases_on_hold', { kind: 'readmission' })).toBe(2);
    expect(await gauge('oioo_cases_past_deadline', { kind: 'readmission' })).toBe(3);
    expect(await gauge('oioo_cases_past_deadline_without_alert', { kind: 'readmission' })).toBe(2);
    expect(await gauge('oioo_cases_past_deadline_without_alert', { kind: 'eoi' })).toBe(1);
    expect(await gauge('oioo_cases_open', { kind: 'readmission', state: 'screening' })).toBe(2);
    expect(await gauge('oioo_cases_open', { kind: 'readmission', state: 'awaiting-detention' })).toBe(1);
    expect(await gauge('oioo_cases_open', { kind: 'readmission', state: 'in-transit' })).toBe(0);
    expect(await gauge('oioo_cases_open', { kind: 'readmission', state: 'other' })).toBe(1);
    expect(await gauge('oioo_cases_open', { kind: 'eoi', state: 'decision' })).toBe(1);
    expect(await gauge('oioo_cases_open', { kind: 'eoi', state: 'other' })).toBe(0);
    expect(await gauge('oioo_ledger_imbalance')).toBe(2);
    expect(await gauge('oioo_ledger_tolerance')).toBe(0);
    expect(await gauge('oioo_ledger_balance', { figure: 'grants_outstanding' })).toBe(4);
    expect(await gauge('oioo_ledger_paused')).toBe(1);
    expect(queries).toContain(`ExecutionStatus = 'Running' AND CaseKind = 'readmission' AND NextDeadline < '2026-03-02T10:00:00.000Z'`);
  });

  it('a ledger that cannot be read is counted as a refresh error, and the case counts still refresh', async () => {
    const { client } = fakeTemporal({});
    const reader = new LedgerReader(client, { ...config, pilotId: 'pilot_other' });
    await new BusinessGauges(client, config, reader).refresh();
    expect(await gauge('oioo_business_gauges_refresh_errors_total', { source: 'ledger' })).toBe(1);
    expect(await gauge('oioo_cases_on_hold', { kind: 'readmission' })).toBe(2);
  });
});

import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Client } from '@temporalio/client';
import { createLogger } from '@oioo/config';
import { loadMetricsConfig } from '@oioo/observability';
import { TEMPORAL_CLIENT } from '@oioo/temporal';
import { eoiOpenStates } from '@oioo/workflows-eoi';
import { readmissionOpenStates } from '@oioo/workflows-readmission';
import { LedgerReader } from '../cases/ledger-reader';
import { CASEWORK_CONFIG, type CaseworkConfig } from '../config/casework-config';
import { caseGauges } from './case-gauges';

const KINDS = ['readmission', 'eoi'] as const;
/** The states a running case of each kind can be in: each is counted, and the rest of the running cases are `other`. */
const OPEN_STATES: Readonly<Record<(typeof KINDS)[number], readonly string[]>> = { readmission: readmissionOpenStates, eoi: eoiOpenStates };
const ALERTS = `CaseAlerts IN ('escalated', 'target-breached')`;

/**
 * Refreshes the business gauges on the metrics refresh interval (never per scrape), only where a metrics
 * listener runs: counts from Temporal visibility (exact, one cheap count query each) and the ledger's
 * `balance` query. Visibility groups counts by execution status only, so open cases by state are one count
 * per state a running case can be in: a few dozen counts answered from the index, where listing every
 * running case to tally its state sent the server tens of thousands of rows a minute on a busy pilot.
 */
@Injectable()
export class BusinessGauges implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private readonly logger = createLogger('casework', { role: 'business-gauges' });

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(CASEWORK_CONFIG) private readonly config: CaseworkConfig,
    private readonly ledger: LedgerReader,
  ) {}

  /** Starts the refresh loop when this process serves metrics. */
  onApplicationBootstrap(): void {
    const metrics = loadMetricsConfig(process.env);
    if (metrics.port === undefined) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), metrics.refreshSeconds * 1000);
    this.timer.unref();
  }

  /** Stops the refresh loop. */
  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Reads every gauge once; a failing source is counted and logged, and the others still refresh. */
  async refresh(now = new Date()): Promise<void> {
    await Promise.all([this.track('visibility', () => this.refreshCases(now)), this.track('ledger', () => this.refreshLedger())]);
    caseGauges.refreshedAt.set(now.getTime() / 1000);
  }

  private async track(source: 'visibility' | 'ledger', read: () => Promise<void>): Promise<void> {
    try {
      await read();
    } catch (error) {
      caseGauges.refreshErrors.inc({ source });
      this.logger.warn('business gauges not refreshed', { source, errorName: error instanceof Error ? error.name : typeof error });
    }
  }

  private async refreshCases(now: Date): Promise<void> {
    const count = async (query: string) => (await this.temporal.workflow.count(query)).count;
    const past = `NextDeadline < '${now.toISOString()}'`;
    for (const kind of KINDS) {
      const running = `ExecutionStatus = 'Running' AND CaseKind = '${kind}'`;
      const [onHold, pastDeadline, pastWithAlert] = await Promise.all([count(`${running} AND OnHold = true`), count(`${running} AND ${past}`), count(`${running} AND ${past} AND ${ALERTS}`)]);
      caseGauges.onHold.set({ kind }, onHold);
      caseGauges.pastDeadline.set({ kind }, pastDeadline);
      caseGauges.pastDeadlineWithoutAlert.set({ kind }, Math.max(0, pastDeadline - pastWithAlert));
    }
    for (const kind of KINDS) {
      const running = `ExecutionStatus = 'Running' AND CaseKind = '${kind}'`;
      const states = OPEN_STATES[kind];
      const [all = 0, ...byState] = await Promise.all([count(running), ...states.map((state) => count(`${running} AND CaseState = '${state}'`))]);
      // Every state is set, at 0 too, so a state cases have left reads 0 rather than its last count.
      states.forEach((state, index) => caseGauges.open.set({ kind, state }, byState[index] ?? 0));
      // A case before its first workflow task has no state yet; one of another release may have a state this one does not know.
      caseGauges.open.set({ kind, state: 'other' }, Math.max(0, all - byState.reduce((total, open) => total + open, 0)));
    }
  }

  private async refreshLedger(): Promise<void> {
    const balance = await this.ledger.balance();
    const figures = {
      readmissions: balance.readmissions,
      admissions: balance.admissions,
      grants_outstanding: balance.grantsOutstanding,
      eois_held: balance.eoisHeld,
      places_held: balance.placesHeld,
      headroom: balance.headroom,
    };
    for (const [figure, value] of Object.entries(figures)) caseGauges.ledgerFigure.set({ figure }, value);
    caseGauges.ledgerImbalance.set(balance.imbalance);
    caseGauges.ledgerTolerance.set(balance.tolerance);
    caseGauges.ledgerPaused.set(balance.paused ? 1 : 0);
  }
}

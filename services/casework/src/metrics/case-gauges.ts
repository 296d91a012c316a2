import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '@oioo/observability';

/** Business gauges of the casework service: counts and ledger figures only, never anything about a person. */
export const caseGauges = {
  open: new Gauge({ name: 'oioo_cases_open', help: 'Running cases by kind (readmission, eoi) and state; `other` is a case before its first task or in a state this release does not know.', labelNames: ['kind', 'state'] as const, registers: [metricsRegistry] }),
  onHold: new Gauge({ name: 'oioo_cases_on_hold', help: 'Running cases under a legal hold (R7), by kind.', labelNames: ['kind'] as const, registers: [metricsRegistry] }),
  pastDeadline: new Gauge({ name: 'oioo_cases_past_deadline', help: 'Running cases whose next deadline has passed, by kind.', labelNames: ['kind'] as const, registers: [metricsRegistry] }),
  pastDeadlineWithoutAlert: new Gauge({
    name: 'oioo_cases_past_deadline_without_alert',
    help: 'Running cases whose next deadline has passed and that carry no alert (escalated, target-breached): the case did not react to its deadline.',
    labelNames: ['kind'] as const,
    registers: [metricsRegistry],
  }),
  ledgerFigure: new Gauge({
    name: 'oioo_ledger_balance',
    help: 'The equivalence ledger\'s live figures (Q3): readmissions, admissions, grants_outstanding, eois_held, places_held, headroom.',
    labelNames: ['figure'] as const,
    registers: [metricsRegistry],
  }),
  ledgerImbalance: new Gauge({ name: 'oioo_ledger_imbalance', help: 'Admissions plus grants outstanding minus readmissions (Q2): above 0 the UK is ahead.', registers: [metricsRegistry] }),
  ledgerTolerance: new Gauge({ name: 'oioo_ledger_tolerance', help: 'The imbalance the ledger\'s policy tolerates (Q2).', registers: [metricsRegistry] }),
  ledgerPaused: new Gauge({ name: 'oioo_ledger_paused', help: '1 while intake is paused (Q4), else 0.', registers: [metricsRegistry] }),
  refreshedAt: new Gauge({ name: 'oioo_business_gauges_refreshed_timestamp_seconds', help: 'When the business gauges were last read from Temporal, Unix seconds.', registers: [metricsRegistry] }),
  refreshErrors: new Counter({ name: 'oioo_business_gauges_refresh_errors_total', help: 'Reads of the business gauges that failed, by source (visibility, ledger).', labelNames: ['source'] as const, registers: [metricsRegistry] }),
};

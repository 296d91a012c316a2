import { ledgerWorkflowId, DEFAULT_PILOT_ID } from '@oioo/contracts';
import { type WeeklyReport, isoWeekOf, isoWeekStart, nextIsoWeekStart } from '@oioo/domain';
import { createTemporalClient, loadTemporalConfig } from '@oioo/temporal';
import { balanceQuery, weeklyReportQuery } from '@oioo/workflows-equivalence-ledger';
import { stackEnvironment } from './local-stack';
import { devProfile } from './stack-profile';

/**
 * Prints the pilot's ledger week by week (Q3), as the joint committee reads it, from the stack `npm start`
 * runs (or the Temporal named by TEMPORAL_* when OIOO_LEDGER_REPORT_ENV=process). Usage:
 * `npm run ledger:report` (PILOT_ID selects another pilot).
 */
async function main(): Promise<void> {
  const env = process.env['OIOO_LEDGER_REPORT_ENV'] === 'process' ? process.env : stackEnvironment(devProfile);
  const pilotId = process.env['PILOT_ID'] || DEFAULT_PILOT_ID;
  const client = await createTemporalClient(loadTemporalConfig(env));
  try {
    const ledger = client.workflow.getHandle(ledgerWorkflowId(pilotId));
    const balance = await ledger.query(balanceQuery);
    const weeks: WeeklyReport[] = [];
    const last = isoWeekStart(balance.currentWeek.isoWeek).getTime();
    for (let start = isoWeekStart(balance.firstWeek); start.getTime() <= last; start = nextIsoWeekStart(start)) {
      weeks.push(await ledger.query(weeklyReportQuery, isoWeekOf(start)));
    }
    const rows = [
      ['ISO week', 'readmissions', 'admissions', 'released', 'returned', 'total readm.', 'total adm.', 'grants out', 'EOIs held', 'imbalance', ''],
      ...weeks.map((week) => [
        week.isoWeek,
        week.week.readmissions,
        week.week.admissions,
        week.week.placesReleased,
        week.week.placesReturned,
        week.readmissions,
        week.admissions,
        week.grantsOutstanding,
        week.eoisHeld,
        week.imbalance,
        week.complete ? '' : '(running)',
      ]),
    ].map((row) => row.map(String));
    const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
    process.stdout.write(`Ledger ${pilotId}: ${balance.mode}${balance.paused ? ', paused' : ''}; live balance as of ${balance.asOf} (pilot clock)\n\n`);
    for (const row of rows) process.stdout.write(`${row.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  ')}\n`);
    process.stdout.write(`\nnow: readmissions ${balance.readmissions}, admissions ${balance.admissions}, grants outstanding ${balance.grantsOutstanding}, EOIs held ${balance.eoisHeld} (${balance.placesHeld} places), imbalance ${balance.imbalance}, headroom ${balance.headroom}\n`);
    if (balance.carriedStateBytes !== undefined) {
      process.stdout.write(`state carried at the last continue-as-new: ${balance.carriedStateBytes} characters of JSON (the alert large-state is raised past 1,000,000)\n`);
    }
  } finally {
    await client.connection.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`ledger-report: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

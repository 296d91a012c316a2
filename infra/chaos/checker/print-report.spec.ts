import { checkHistory } from './history-checker';
import { formatReport, printReport } from './print-report';
import { buildHistory, healthyScenario, ids } from './test-support/healthy-run';

describe('printReport', () => {
  it('prints the seed, the faults by kind and each invariant in aligned columns, and a pass', () => {
    const records = buildHistory(healthyScenario());
    const text = formatReport(checkHistory(records));
    const lines = text.split('\n');
    expect(lines[0]).toBe('Run run_healthy, seed 42');
    expect(lines).toContain('Fault          Injected  Healed');
    expect(lines).toContain('kill-worker           1       1');
    expect(lines).toContain('partition             1       1');
    expect(lines.find((line) => line.startsWith('movement-capacity'))).toMatch(/^movement-capacity\s+R9\s+0$/);
    const invariantHeader = lines.find((line) => line.startsWith('Invariant'))!;
    const ruleColumn = invariantHeader.indexOf('Rule');
    expect(lines.find((line) => line.startsWith('four-eyes'))!.indexOf('S1')).toBe(ruleColumn);
    expect(lines.at(-2)).toBe(`PASS: no violation in ${records.length} records`);
  });

  it('prints the count, an example in the table and every kept example of a failing invariant, and a fail', () => {
    const run = healthyScenario();
    run.views.find((view) => view.caseId === ids.caseOne)!.commands[3]!.actor = ids.alice;
    run.handedOver.push(ids.caseTwo);
    let printed = '';
    printReport(checkHistory(buildHistory(run)), (text) => {
      printed += text;
    });
    const example = `readmission:${ids.caseOne}: removal-directions proposed and approved by ${ids.alice} (cmd_removal_review)`;
    expect(printed).toMatch(new RegExp(`^four-eyes\\s+S1\\s+1  ${example.replace(/[()]/g, '\\$&')}$`, 'm'));
    expect(printed).toContain(`four-eyes (1):\n  ${example}`);
    expect(printed).toContain('FAIL: 2 violations of 2 invariants (four-eyes, ledger-counts)');
  });
});

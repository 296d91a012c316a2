import { humanDuration, table } from './ops-output';

describe('operations output', () => {
  it('aligns columns under a header and leaves the last column ragged', () => {
    expect(table(['WORKFLOW', 'STATE', 'WHY'], [['readmission:case_A', 'screening', 'R3 fell due'], ['eoi:eoi_B', 'decision', 'activity retrying']])).toEqual([
      'WORKFLOW            STATE      WHY',
      '------------------  ---------  -----------------',
      'readmission:case_A  screening  R3 fell due',
      'eoi:eoi_B           decision   activity retrying',
    ]);
  });

  it('says when there is nothing rather than printing a bare header', () => {
    expect(table(['A'], [], 'No stuck cases.')).toEqual(['No stuck cases.']);
  });

  it('prints durations in the unit a person reads', () => {
    expect([humanDuration(4_000), humanDuration(600_000), humanDuration(9_000_000), humanDuration(3 * 86_400_000)]).toEqual(['4 s', '10 min', '2.5 h', '3.0 d']);
  });
});

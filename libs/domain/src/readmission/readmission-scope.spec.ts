import { assessArrivalScope } from './readmission-scope';

describe('readmission scope', () => {
  it('R1 a crossing from France with evidence is in scope', () => {
    expect(assessArrivalScope({ departedFrom: 'FR', crossingEvidenceCount: 2 })).toEqual({ inScope: true });
  });

  it('R1 no crossing evidence means not eligible', () => {
    const verdict = assessArrivalScope({ departedFrom: 'FR', crossingEvidenceCount: 0 });
    expect(verdict).toEqual({ inScope: false, reason: expect.stringContaining('no evidence') });
  });

  it('R1 a crossing from another country is out of scope', () => {
    const verdict = assessArrivalScope({ departedFrom: 'be', crossingEvidenceCount: 1 });
    expect(verdict).toEqual({ inScope: false, reason: expect.stringContaining('BE') });
  });
});

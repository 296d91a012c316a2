import { eoiWorkflowId, ledgerWorkflowId } from './ledger-ids';

describe('ledger workflow IDs', () => {
  it('S3 the ledger and EOI workflow IDs are built from opaque ids of the right kind only', () => {
    expect(ledgerWorkflowId('pilot_UKFR00000001')).toBe('ledger:pilot_UKFR00000001');
    expect(eoiWorkflowId('eoi_01J9ZQ4X7K3M2N8P')).toBe('eoi:eoi_01J9ZQ4X7K3M2N8P');
    expect(() => ledgerWorkflowId('UK-France pilot')).toThrow(/opaque ids only/);
    expect(() => ledgerWorkflowId('eoi_01J9ZQ4X7K3M2N8P')).toThrow(/pilot_/);
    expect(() => eoiWorkflowId('Ahmed family 1985')).toThrow(/opaque ids only/);
  });
});

import { eoiWorkflowId, ledgerWorkflowId, readmissionWorkflowId } from './workflow-ids';

describe('workflow IDs', () => {
  it('are deterministic from the opaque case id, so a duplicate arrival finds the same case', () => {
    expect(readmissionWorkflowId('case_01J9ZQ4X7K3M2N8P6R5T')).toBe('readmission:case_01J9ZQ4X7K3M2N8P6R5T');
    expect(readmissionWorkflowId('case_01J9ZQ4X7K3M2N8P6R5T')).toBe(readmissionWorkflowId('case_01J9ZQ4X7K3M2N8P6R5T'));
  });

  it('S3 refuse anything that could carry personal data, without echoing it', () => {
    expect(() => readmissionWorkflowId('Amira Haddad 1990-02-01')).toThrow(/opaque ids only/);
    expect(() => readmissionWorkflowId('Amira Haddad 1990-02-01')).not.toThrow(/Amira/);
  });
});

describe('legal-route workflow IDs', () => {
  it('S3 the ledger and EOI workflow IDs are built from opaque ids of the right kind only', () => {
    expect(ledgerWorkflowId('pilot_UKFR00000001')).toBe('ledger:pilot_UKFR00000001');
    expect(eoiWorkflowId('eoi_01J9ZQ4X7K3M2N8P')).toBe('eoi:eoi_01J9ZQ4X7K3M2N8P');
    expect(() => ledgerWorkflowId('UK-France pilot')).toThrow(/opaque ids only/);
    expect(() => ledgerWorkflowId('eoi_01J9ZQ4X7K3M2N8P')).toThrow(/pilot_/);
    expect(() => eoiWorkflowId('Ahmed family 1985')).toThrow(/opaque ids only/);
  });
});

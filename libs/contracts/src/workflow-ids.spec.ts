import { readmissionWorkflowId } from './workflow-ids';

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

import { isWriteRequest, safeReturnPath, uiAccessOf } from './ui-access';

describe('the Temporal Web UI gateway\'s access', () => {
  it('admits the people the codec decodes for; only SREs may act', () => {
    expect(uiAccessOf(['sre'])).toBe('write');
    expect(uiAccessOf(['caseworker'])).toBe('read');
    expect(uiAccessOf(['senior-caseworker', 'liaison-officer'])).toBe('read');
    expect(uiAccessOf(['auditor'])).toBe('none');
    expect(uiAccessOf(['ledger-officer'])).toBe('none');
    expect(uiAccessOf([])).toBe('none');
  });

  it('takes reads and workflow queries as reads, and everything else as a write', () => {
    expect(isWriteRequest('GET', '/api/v1/namespaces/default/workflows')).toBe(false);
    expect(isWriteRequest('POST', '/api/v1/namespaces/default/workflows/readmission:case_01J9ZQ4X7K3M2N8P6R5T/query/caseView')).toBe(false);
    expect(isWriteRequest('POST', '/api/v1/namespaces/default/workflows/readmission:case_01J9ZQ4X7K3M2N8P6R5T/terminate')).toBe(true);
    expect(isWriteRequest('POST', '/api/v1/namespaces/default/workflows/x/query/y/../../terminate')).toBe(true);
    expect(isWriteRequest('DELETE', '/api/v1/namespaces/default/schedules/s')).toBe(true);
  });

  it('returns only to paths of its own site after sign-in', () => {
    expect(safeReturnPath('/namespaces/default/workflows')).toBe('/namespaces/default/workflows');
    expect(safeReturnPath('//evil.example/')).toBe('/');
    expect(safeReturnPath('/\\evil.example')).toBe('/');
    expect(safeReturnPath('https://evil.example/')).toBe('/');
    expect(safeReturnPath(undefined)).toBe('/');
  });
});

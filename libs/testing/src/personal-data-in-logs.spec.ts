import { createLogger } from '@oioo/config';
import { describePersonalDataInLogs, findPersonalDataInLogs, type PersonalValue } from './personal-data-in-logs';
import { captureProcessOutput } from './process-output-capture';

const person: PersonalValue[] = [
  { kind: 'givenNames', value: 'Awet' },
  { kind: 'familyName', value: 'Tesfaye' },
  { kind: 'dateOfBirth', value: '1991-04-12' },
  { kind: 'nationality', value: 'ERI' },
  { kind: 'documentNumber', value: 'P1234567' },
  { kind: 'biometricTemplate', value: 'tpl-5b0c2b7e-0d43-4f43-9d1e-2f7f3bb1f0aa' },
];

/** JSON lines as the platform's loggers write them, into `lines`. */
function loggerInto(lines: string[], component: string) {
  return createLogger(component, {}, (line) => lines.push(line));
}

describe('findPersonalDataInLogs', () => {
  it('S3: names a planted leak by its logger and message, masking the value, and never prints the value itself', () => {
    const lines: string[] = [];
    loggerInto(lines, 'identity').child({ feature: 'enrolments' }).info('biometric template enrolled', { caseId: 'case_A1', enrolmentId: 'enr_A1' });
    loggerInto(lines, 'legal-review').child({ feature: 'security-checks' }).warn('check failed for Tesfaye', { eoiId: 'eoi_A1', born: '1991-04-12' });

    const found = findPersonalDataInLogs(lines, person);

    expect(found).toEqual([{ lineNumber: 2, logger: 'legal-review/security-checks', message: 'check failed for [familyName]', kinds: ['familyName', 'dateOfBirth'] }]);
    const report = describePersonalDataInLogs(found);
    expect(report).toBe('line 2: legal-review/security-checks: "check failed for [familyName]" holds familyName, dateOfBirth');
    for (const { value } of person) expect(report).not.toContain(value);
  });

  it('S3: finds values anywhere in a line, JSON or not, and matches short values as whole words only', () => {
    const lines = [
      '{"component":"worker","message":"activity failed","detail":"document P1234567 expired"}',
      'Nest error: could not link tpl-5b0c2b7e-0d43-4f43-9d1e-2f7f3bb1f0aa',
      '{"component":"kafka","message":"SERIALIZED batch; ERIC and AWETS are other words"}',
      '{"component":"identity","message":"nationalities","list":["ERI","SDN"]}',
    ];
    expect(findPersonalDataInLogs(lines, person)).toEqual([
      { lineNumber: 1, logger: 'worker', message: 'activity failed', kinds: ['documentNumber'] },
      { lineNumber: 2, logger: '(not JSON)', message: '(not JSON)', kinds: ['biometricTemplate'] },
      { lineNumber: 4, logger: 'identity', message: 'nationalities', kinds: ['nationality'] },
    ]);
  });

  it('finds nothing in clean lines, and ignores values too short to tell apart', () => {
    const lines: string[] = [];
    loggerInto(lines, 'transport').info('manifest notified', { movementId: 'mov_A1', passengers: 2 });
    expect(findPersonalDataInLogs(lines, [...person, { kind: 'documentNumber', value: 'X' }])).toEqual([]);
  });
});

describe('captureProcessOutput', () => {
  it('records the lines a default logger writes to stdout, so the platform\'s own logs can be checked', () => {
    const capture = captureProcessOutput();
    try {
      createLogger('legal-review').info('readmission request sent to France', { caseId: 'case_A1' });
      process.stderr.write('partial ');
      process.stderr.write('line\n');
    } finally {
      capture.stop();
    }
    expect(capture.lines().map((line) => (line.startsWith('{') ? (JSON.parse(line) as { message: string }).message : line))).toEqual(['readmission request sent to France', 'partial line']);
  });
});

import { type ArrivalRecordedData, type BiometricsCapturedData, type EoiSubmittedData, Topics } from '@oioo/contracts';
import { type CapturedOutput, type PersonalValue, captureProcessOutput, describePersonalDataInLogs, findPersonalDataInLogs } from '@oioo/testing';
import type { E2eContext, PublishedEvent } from './e2e-context';

/**
 * Captures every line the test process writes from before the platform boots until the file ends: the services'
 * and the worker's JSON logs (they run in-process), Nest's and the Temporal SDK's text. Call before useE2eContext.
 */
export function captureLogsOfTheRun(): () => string[] {
  let capture: CapturedOutput | undefined;
  beforeAll(() => {
    capture = captureProcessOutput();
  });
  afterAll(() => capture?.stop());
  return () => capture?.lines() ?? [];
}

/** S3: the personal data in what the agencies published: applicants' names, dates of birth, nationalities, document numbers, and biometric templates. */
export function personalValuesIn(published: readonly PublishedEvent[]): PersonalValue[] {
  return published.flatMap(({ topic, data }): PersonalValue[] => {
    if (topic === Topics.eoiSubmitted.name) {
      return (data as EoiSubmittedData).applicants.flatMap((applicant) => [
        { kind: 'givenNames', value: applicant.givenNames },
        { kind: 'familyName', value: applicant.familyName },
        { kind: 'dateOfBirth', value: applicant.dateOfBirth },
        ...applicant.nationalities.map((value) => ({ kind: 'nationality', value })),
        { kind: 'documentNumber', value: applicant.document.number },
      ]);
    }
    if (topic === Topics.arrivalRecorded.name) return [{ kind: 'biometricTemplate', value: (data as ArrivalRecordedData).biometricTemplate }];
    if (topic === Topics.biometricsCaptured.name) return [{ kind: 'biometricTemplate', value: (data as BiometricsCapturedData).biometricTemplate }];
    return [];
  });
}

/** Runs last: by then every scenario's cases have gone through the services and the worker. */
export function describeLogPrivacyScenarios(context: E2eContext, loggedLines: () => string[]): void {
  describe('the platform\'s logs', () => {
    it('S3: no line the services or the worker logged while this run\'s cases ran holds their people\'s personal data', () => {
      const values = personalValuesIn(context.published);
      // The run did put people's data through the platform: names, documents and templates of both routes.
      expect(new Set(values.map((value) => value.kind))).toEqual(new Set(['givenNames', 'familyName', 'dateOfBirth', 'nationality', 'documentNumber', 'biometricTemplate']));
      const lines = loggedLines();
      expect(lines.some((line) => line.includes('"component":"legal-review"'))).toBe(true);
      expect(lines.some((line) => line.includes('"component":"e2e-worker"'))).toBe(true);

      const found = findPersonalDataInLogs(lines, values);
      expect(describePersonalDataInLogs(found)).toBe('');
    });
  });
}

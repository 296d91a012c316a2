export { MIGRATIONS_DIR, arrivalEvent, identityServices, nearTemplate, openIdentityDatabase, openedCase, quietLogger, sampleTemplate } from './identity-test-kit';
export { FakeCaseStatuses } from './fake-case-statuses';

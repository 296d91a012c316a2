import type { Role } from '@oioo/auth';

/**
 * How far a role reaches on one route: `team` (its own team's cases only), `all` (every case the route
 * serves), `yes` (a route that is not about one case), or `none` (refused).
 */
export type Reach = 'team' | 'all' | 'yes' | 'none';

/**
 * The access the casework API promises, route by route and role by role: the specification the matrix
 * test checks the running API against (every route × every role × own and other team's case), and
 * what docs/casework-access-matrix.md prints. Written out by hand on purpose, so it is not derived
 * from the code it checks.
 */
export const ACCESS_MATRIX: Readonly<Record<string, Readonly<Record<Role, Reach>>>> = {
  getMe: { caseworker: 'yes', 'senior-caseworker': 'yes', 'liaison-officer': 'yes', 'ledger-officer': 'yes', sre: 'yes', auditor: 'yes' },
  listWorkQueue: { caseworker: 'yes', 'senior-caseworker': 'yes', 'liaison-officer': 'yes', 'ledger-officer': 'none', sre: 'yes', auditor: 'yes' },
  getReadmissionCase: { caseworker: 'team', 'senior-caseworker': 'team', 'liaison-officer': 'all', 'ledger-officer': 'none', sre: 'all', auditor: 'all' },
  getEoiCase: { caseworker: 'team', 'senior-caseworker': 'team', 'liaison-officer': 'none', 'ledger-officer': 'none', sre: 'all', auditor: 'all' },
  getLedgerBalance: { caseworker: 'none', 'senior-caseworker': 'yes', 'liaison-officer': 'none', 'ledger-officer': 'yes', sre: 'yes', auditor: 'yes' },
  getWeeklyReport: { caseworker: 'none', 'senior-caseworker': 'yes', 'liaison-officer': 'none', 'ledger-officer': 'yes', sre: 'yes', auditor: 'yes' },
  listConsultations: { caseworker: 'none', 'senior-caseworker': 'none', 'liaison-officer': 'none', 'ledger-officer': 'none', sre: 'none', auditor: 'yes' },
  recordScreening: { caseworker: 'team', 'senior-caseworker': 'team', 'liaison-officer': 'none', 'ledger-officer': 'none', sre: 'none', auditor: 'none' },
  recordAgeAssessment: { caseworker: 'team', 'senior-caseworker': 'team', 'liaison-officer': 'none', 'ledger-officer': 'none', sre: 'none', auditor: 'none' },
  decideSelection: { caseworker: 'team', 'senior-caseworker': 'team', 'liaison-officer': 'none', 'ledger-officer': 'none', sre: 'none', auditor: 'none' },
  recordDetention: { caseworker: 'team', 'senior-caseworker': 'team', 'liaison-officer': 'none', 'ledger-officer': 'none', sre: 'none', auditor: 'none' },
  proposeInadmissibility: { caseworker: 'team', 'senior-caseworker': 'team', 'liaison-officer': 'none', 'ledger-officer': 'none', sre: 'none', auditor: 'none' },
  reviewInadmissibility: { caseworker: 'none', 'senior-caseworker': 'team', 'liaison-officer': 'none', 'ledger-officer': 'none', sre: 'none', auditor: 'none' },
  submitCorrectedRequest: { caseworker: 'none', 'senior-caseworker': 'none', 'liaison-officer': 'all', 'ledger-officer': 'none', sre: 'none', auditor: 'none' },
  proposeRemovalDirections: { caseworker: 'team', 'senior-caseworker': 'team', 'liaison-officer': 'none', 'ledger-officer': 'none', sre: 'none', auditor: 'none' },
  reviewRemovalDirections: { caseworker: 'none', 'senior-caseworker': 'team', 'liaison-officer': 'none', 'ledger-officer': 'none', sre: 'none', auditor: 'none' },
  withdrawEoi: { caseworker: 'team', 'senior-caseworker': 'team', 'liaison-officer': 'none', 'ledger-officer': 'none', sre: 'none', auditor: 'none' },
  proposeDecision: { caseworker: 'team', 'senior-caseworker': 'team', 'liaison-officer': 'none', 'ledger-officer': 'none', sre: 'none', auditor: 'none' },
  reviewDecision: { caseworker: 'none', 'senior-caseworker': 'team', 'liaison-officer': 'none', 'ledger-officer': 'none', sre: 'none', auditor: 'none' },
  revokeGrant: { caseworker: 'none', 'senior-caseworker': 'team', 'liaison-officer': 'none', 'ledger-officer': 'none', sre: 'none', auditor: 'none' },
  pauseIntake: { caseworker: 'none', 'senior-caseworker': 'none', 'liaison-officer': 'none', 'ledger-officer': 'yes', sre: 'none', auditor: 'none' },
  resumeIntake: { caseworker: 'none', 'senior-caseworker': 'none', 'liaison-officer': 'none', 'ledger-officer': 'yes', sre: 'none', auditor: 'none' },
  giveNoticeOfTermination: { caseworker: 'none', 'senior-caseworker': 'none', 'liaison-officer': 'none', 'ledger-officer': 'yes', sre: 'none', auditor: 'none' },
  recordOperation: { caseworker: 'none', 'senior-caseworker': 'none', 'liaison-officer': 'none', 'ledger-officer': 'none', sre: 'yes', auditor: 'none' },
  listOperations: { caseworker: 'none', 'senior-caseworker': 'none', 'liaison-officer': 'none', 'ledger-officer': 'none', sre: 'yes', auditor: 'yes' },
  readAuditChain: { caseworker: 'none', 'senior-caseworker': 'none', 'liaison-officer': 'none', 'ledger-officer': 'none', sre: 'yes', auditor: 'yes' },
  requestSubjectAccess: { caseworker: 'none', 'senior-caseworker': 'none', 'liaison-officer': 'none', 'ledger-officer': 'none', sre: 'none', auditor: 'yes' },
};

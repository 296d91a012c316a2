import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes of the platform's workflows. They hold case metadata only, never personal
 * data (S3): the kind of case, its state, its next deadline and flags a supervisor filters on.
 */
export const SearchAttributes = {
  /** `readmission`, `eoi`, `ledger` or `probe`. */
  caseKind: defineSearchAttributeKey('CaseKind', SearchAttributeType.KEYWORD),
  /** The workflow's current state name. */
  caseState: defineSearchAttributeKey('CaseState', SearchAttributeType.KEYWORD),
  /** When the next deadline of the case falls due. */
  nextDeadline: defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME),
  /** Rule id of that deadline (`R3`, `R4`, ...). */
  nextDeadlineRule: defineSearchAttributeKey('NextDeadlineRule', SearchAttributeType.KEYWORD),
  /** A legal hold is in force (R7). */
  onHold: defineSearchAttributeKey('OnHold', SearchAttributeType.BOOL),
  /** The person was returned under the scheme before and came back (R11). */
  reEntry: defineSearchAttributeKey('ReEntry', SearchAttributeType.BOOL),
  /**
   * Alerts raised on the case: `escalated` (France silent past its deadline, R4) and `target-breached`
   * (three months without transfer, R6). One keyword list rather than more booleans: the dev server's
   * SQLite visibility allows only three boolean attributes.
   */
  caseAlerts: defineSearchAttributeKey('CaseAlerts', SearchAttributeType.KEYWORD_LIST),
  /**
   * The caseworking team (or region) the case was given at intake, by identity: who may see and act on
   * it (per-case access in the casework API). A team name, never anything about the person.
   */
  caseTeam: defineSearchAttributeKey('CaseTeam', SearchAttributeType.KEYWORD),
} as const;

/** How the Temporal CLI and operator API spell each search attribute type. */
const CLI_TYPES: Record<SearchAttributeType, string> = {
  TEXT: 'Text',
  KEYWORD: 'Keyword',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

/** Name and Temporal CLI type of each custom search attribute, for registering them on a namespace. */
export const searchAttributeRegistrations: readonly { name: string; cliType: string }[] = Object.values(SearchAttributes).map(
  (key) => ({ name: key.name, cliType: CLI_TYPES[key.type] }),
);

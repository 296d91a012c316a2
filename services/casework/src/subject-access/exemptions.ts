import { EXEMPTION_REASONS } from '@oioo/contracts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The exemptions the casework service applies to everything it exports (docs/data-protection.md). */
export type ExemptionKind = keyof typeof EXEMPTION_REASONS;

/** What stands in for withheld data, saying which exemption took it. */
export const WITHHELD = {
  staff: '[withheld: staff]',
  otherPerson: '[withheld: another person]',
  crimePrevention: '[withheld: crime prevention]',
  biometricTemplate: '[withheld: biometric template]',
} as const satisfies Record<ExemptionKind, string>;

/** Staff ids as the platform records actors (`cw_...`, libs/auth): whoever took a step. */
const STAFF_ID = /\bcw_[0-9A-Za-z]{10,40}\b/g;
/** Person ids (`per_...`): any but the subject's is another person. */
const PERSON_ID = /\bper_[0-9A-Za-z]{10,40}\b/g;
const PERSON_ID_SHAPE = /^per_[0-9A-Za-z]{10,40}$/;
/** Refusal grounds of the security checks that would tip off a person about suspicion of crime or a threat. */
const SENSITIVE_GROUNDS = new Set(['security', 'criminality']);
/** How the EOI workflow words a sensitive ground in its timeline ("refused on security grounds", "checks (criminality)"). */
const GROUND_IN_TEXT = /\b(refused on )(security|criminality)( grounds)\b|\((security|criminality)\)/g;

/** How many items each exemption withheld from one source. */
export class ExemptionTally {
  readonly counts = new Map<ExemptionKind, number>();

  add(kind: ExemptionKind, count = 1): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + count);
  }
}

/**
 * A JSON value with the exemptions applied at any depth, counting each in `tally`:
 * - staff ids anywhere (fields such as `actor`, `by`, or inside free text) → {@link WITHHELD.staff};
 * - an object about another person (its `personId` is not the subject's), e.g. a family member's facts in an EOI
 *   submission → replaced whole; another person's id anywhere else → {@link WITHHELD.otherPerson};
 * - a `ground` of `security` or `criminality`, and the same ground in the workflow's wording → {@link WITHHELD.crimePrevention}.
 */
export function applyExemptions(value: Json, subjectPersonId: string, tally: ExemptionTally): Json {
  if (typeof value === 'string') return withholdInText(value, subjectPersonId, tally);
  if (Array.isArray(value)) return value.map((item) => applyExemptions(item, subjectPersonId, tally));
  if (value === null || typeof value !== 'object') return value;
  const personId = value['personId'];
  if (typeof personId === 'string' && personId !== subjectPersonId && PERSON_ID_SHAPE.test(personId)) {
    tally.add('otherPerson');
    return WITHHELD.otherPerson;
  }
  const out: Record<string, Json> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'ground' && typeof field === 'string' && SENSITIVE_GROUNDS.has(field)) {
      tally.add('crimePrevention');
      out[key] = WITHHELD.crimePrevention;
      continue;
    }
    out[key] = applyExemptions(field, subjectPersonId, tally);
  }
  return out;
}

function withholdInText(text: string, subjectPersonId: string, tally: ExemptionTally): string {
  return text
    .replace(STAFF_ID, () => {
      tally.add('staff');
      return WITHHELD.staff;
    })
    .replace(PERSON_ID, (id) => {
      if (id === subjectPersonId) return id;
      tally.add('otherPerson');
      return WITHHELD.otherPerson;
    })
    .replace(GROUND_IN_TEXT, (_match, before: string | undefined, _ground: string | undefined, after: string | undefined) => {
      tally.add('crimePrevention');
      return before !== undefined ? `${before}${WITHHELD.crimePrevention}${after ?? ''}` : `(${WITHHELD.crimePrevention})`;
    });
}

/** What each exemption takes from a source, in the export's words. */
const WHAT: Record<ExemptionKind, (source: string) => string> = {
  staff: (source) => `the officers and caseworkers named in ${source}`,
  otherPerson: (source) => `other people named in ${source}`,
  crimePrevention: (source) => `security and criminality grounds in ${source}`,
  biometricTemplate: (source) => `biometric templates in ${source}`,
};

/** The tally as export entries: what was withheld from `source`, why, and how many items. */
export function exemptionsOf(tally: ExemptionTally, source: string): { what: string; reason: string; count: number }[] {
  return [...tally.counts.entries()].map(([kind, count]) => ({ what: WHAT[kind](source), reason: EXEMPTION_REASONS[kind], count }));
}

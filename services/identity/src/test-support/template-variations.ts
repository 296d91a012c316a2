import fc from 'fast-check';

/**
 * Alphabets templates are drawn from: the pilot's (hex after `tpl-`), letters and digits only, some
 * punctuation (pg_trgm splits words there), mostly punctuation, case and whitespace the normalisation
 * removes, and characters outside ASCII (enrolments the trigram index leaves to the full scan).
 */
const ALPHABETS = [
  '0123456789abcdef',
  'abcdefghijklmnopqrstuvwxyz0123456789',
  'abcdefghij0123456789-_.:/+=',
  '!#$%&()*+,-./:;<=>?@[]^_{|}~a1',
  'ABCDEFabcdef0123 \t\n-',
  'abc123ＡＢＣéßİ-',
].map((alphabet) => [...alphabet]);

/** Test support only: one change a second sample may bring, at a position given as a fraction of the length. */
export type TemplateEdit =
  | { kind: 'substitute'; at: number; character: string }
  | { kind: 'insert'; at: number; character: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'move'; at: number; length: number; to: number };

/** Test support only: a template of 3 to 200 characters from one alphabet, sometimes with the pilot's `tpl-` prefix. */
export const templateArbitrary: fc.Arbitrary<string> = fc.constantFrom(...ALPHABETS).chain((alphabet) =>
  fc.tuple(fc.constantFrom('', 'tpl-'), fc.string({ unit: fc.constantFrom(...alphabet), minLength: 3, maxLength: 200 })).map(([prefix, body]) => prefix + body),
);

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const anyCharacter = fc.constantFrom(...ALPHABETS.flat());

/** Test support only: a few random changes, as a second sample of the same person would differ from the first. */
export const editsArbitrary: fc.Arbitrary<TemplateEdit[]> = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constantFrom('substitute' as const, 'insert' as const), at: fraction, character: anyCharacter }),
    fc.record({ kind: fc.constant('delete' as const), at: fraction, length: fc.integer({ min: 1, max: 8 }) }),
    fc.record({ kind: fc.constant('move' as const), at: fraction, length: fc.integer({ min: 1, max: 40 }), to: fraction }),
  ),
  { maxLength: 6 },
);

/** Test support only: the template with the edits applied in turn. */
export function applyEdits(template: string, edits: readonly TemplateEdit[]): string {
  let chars = [...template];
  for (const edit of edits) {
    const at = Math.floor(edit.at * chars.length);
    if (edit.kind === 'substitute' || edit.kind === 'insert') chars.splice(at, edit.kind === 'substitute' ? 1 : 0, edit.character);
    else if (edit.kind === 'delete') chars.splice(at, edit.length);
    else {
      const block = chars.splice(at, edit.length);
      const to = Math.floor(edit.to * chars.length);
      chars = [...chars.slice(0, to), ...block, ...chars.slice(to)];
    }
  }
  return chars.join('');
}

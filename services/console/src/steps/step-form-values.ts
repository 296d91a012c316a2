import { z } from 'zod';
import { type StepForm } from './step-forms';

/** What a step's form posts, as text: the fields, the idempotency key minted with the page, and which button. */
export interface StepFormPost {
  values: Record<string, string>;
  idempotencyKey: string;
  /** `check` shows "check your answers", `confirm` submits from there, `submit` submits a reversible step, `change` goes back to the form. */
  action: 'check' | 'confirm' | 'submit' | 'change';
}

/** Longest text a field may post; the API has its own, lower limits per field. */
const MAX_FIELD_LENGTH = 10_000;

const schemas = new Map<StepForm, z.ZodType<Record<string, unknown>>>();

/** The form's zod schema, built once per form: only its own fields, each text, and the console's hidden fields. */
function schemaOf(form: StepForm): z.ZodType<Record<string, unknown>> {
  let schema = schemas.get(form);
  if (!schema) {
    const fields = Object.fromEntries(form.fields.map((field) => [field.name, z.string().max(MAX_FIELD_LENGTH).optional()]));
    schema = z.strictObject({ ...fields, _csrf: z.string(), idempotencyKey: z.uuid(), action: z.enum(['check', 'confirm', 'submit', 'change']) });
    schemas.set(form, schema);
  }
  return schema;
}

/** Parses a posted form; anything but the form's own fields (an `actor` above all) is refused as a malformed post. */
export function parseStepPost(form: StepForm, body: unknown): StepFormPost | undefined {
  const parsed = schemaOf(form).safeParse(body);
  if (!parsed.success) return undefined;
  const { _csrf: _token, idempotencyKey, action, ...fields } = parsed.data as Record<string, string>;
  return { values: fields, idempotencyKey: idempotencyKey as string, action: action as StepFormPost['action'] };
}

/**
 * The API body of the form's values. Empty choices are left out and empty texts sent as they are, so
 * the API's own schema decides what is missing and its field errors come back to the right fields.
 */
export function apiBodyOf(form: StepForm, values: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of form.fields) {
    const value = values[field.name]?.trim() ?? '';
    if (field.type === 'lines') body[field.name] = value.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
    else if (field.type === 'yes-no') {
      if (value === 'yes' || value === 'no') body[field.name] = value === 'yes';
    } else if (field.type === 'radios') {
      if (value !== '') body[field.name] = value;
    } else body[field.name] = value;
  }
  return body;
}

/** How a posted value reads back on "check your answers". */
export function answerText(form: StepForm, name: string, value: string | undefined): string {
  const field = form.fields.find((candidate) => candidate.name === name);
  const text = value?.trim() ?? '';
  if (!field) return text;
  if (field.type === 'yes-no') return text === 'yes' ? 'Yes' : text === 'no' ? 'No' : '';
  if (field.type === 'radios') return field.options?.find((option) => option.value === text)?.text ?? text;
  return text;
}

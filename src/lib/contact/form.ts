/**
 * The contact form as the page renders it: one typed state object (values, errors, notices)
 * that every form component reads, plus the words on the form. The page builds the state from
 * the URL (pre-selection) or receives it from `POST /api/contact` when a submission needs fixing.
 */
import {
  agentAnswers,
  documents,
  fieldNames,
  formats,
  privacyRequests,
  topics,
  type Choice,
  type FieldName,
} from './schema.ts';
import { errorLinks, type ErrorLink, type FieldError } from '../forms/field-error.ts';
import type { FillTime } from '../forms/fill-time.ts';

/** The name the contact form's fill time is signed for (src/lib/forms/fill-time.ts). */
export const contactFormName = 'contact';

/** What the person typed or chose, as text, so a form shown again keeps every value (GOV.UK). */
export type FormValues = Partial<Record<FieldName, string>>;

export interface ContactFormState {
  readonly values: FormValues;
  readonly errors: readonly FieldError<FieldName>[];
  /** Problems that belong to no field (too many messages, service unavailable): summary only. */
  readonly notices: readonly string[];
  /** When the form was first served, signed by the server (`time.signature`, the fill-time trap). */
  readonly started: string;
  /** HTTP status the page answers with. */
  readonly status: number;
}

/** The words on the form. Hints say what people need to know, nothing more (GOV.UK). */
export const copy = {
  name: { label: 'Full name' },
  email: { label: 'Email address', hint: 'We will only use this to reply to you.' },
  topic: { legend: 'What is your message about?' },
  document: { legend: 'Which document do you need?' },
  format: { legend: 'Which format do you need?' },
  formatOther: { label: 'Describe the format you need' },
  request: { legend: 'What would you like us to do?' },
  agent: {
    legend: 'Are you an authorized agent making this request for someone else?',
    hint: 'If you are, we will ask for a document signed by the person you are acting for.',
  },
  message: { label: 'Your message', hint: 'Do not include passwords or payment card details.' },
} as const;

/** Options of each radio group. */
export const choices = {
  topic: topics,
  document: documents,
  format: formats,
  request: privacyRequests,
  agent: agentAnswers,
} as const satisfies Partial<Record<FieldName, readonly Choice[]>>;
export type ChoiceField = keyof typeof choices;

/** The id of a radio option's input. */
export function optionId(field: ChoiceField, value: string): string {
  return `${field}-${value}`;
}

/**
 * The id stem of a field: its input's id, and the start of its hint and error ids. The format
 * description is not `format-other`, which is the id of the "Another format" option.
 */
export function fieldId(field: FieldName): string {
  return field === 'formatOther' ? 'format-description' : field;
}

/** The id the error summary links to: the input itself, or a group's first option (GOV.UK). */
export function fieldAnchor(field: FieldName): string {
  if (field in choices) {
    const options: readonly Choice[] = choices[field as ChoiceField];
    return optionId(field as ChoiceField, options[0]?.value ?? '');
  }
  return fieldId(field);
}

/** The id of a field's hint. */
export function hintId(field: FieldName): string {
  return `${fieldId(field)}-hint`;
}

/** The id of a field's error message, referenced by `aria-describedby` after the hint. */
export function errorId(field: FieldName): string {
  return `${fieldId(field)}-error`;
}

/** The error for `field`, if any. */
export function errorFor(state: ContactFormState, field: FieldName): string | undefined {
  return state.errors.find((error) => error.field === field)?.message;
}

/** Errors in page order, with the link target of each, as the summary and the JSON answer list them. */
export function summaryItems(errors: readonly FieldError<FieldName>[]): ErrorLink<FieldName>[] {
  return errorLinks(errors, fieldAnchor);
}

/** The state of a fresh form. `?topic=…&document=…` pre-select, as links from the policies do. */
export function initialState(url: URL, started: string): ContactFormState {
  const values: FormValues = {};
  const topic = url.searchParams.get('topic');
  if (topic && topics.some((t) => t.value === topic)) values.topic = topic;
  const document = url.searchParams.get('document');
  if (values.topic === 'alternative-format' && document && documents.some((d) => d.value === document)) {
    values.document = document;
  }
  return { values, errors: [], notices: [], started, status: 200 };
}

/** Keeps only the fields a person fills in: never echo the honeypot or anything unknown. */
export function formValues(input: Readonly<Record<string, unknown>>): FormValues {
  const values: FormValues = {};
  for (const field of fieldNames) {
    const value = input[field];
    if (typeof value === 'string') values[field] = value;
  }
  return values;
}

/**
 * The `started` value a re-shown form keeps: the original one when the server signed it and it
 * has not expired (the time a person spent counts), else one signed now.
 */
export function keptStart(input: Readonly<Record<string, unknown>>, fillTime: FillTime, now: number): string {
  const check = fillTime.check(contactFormName, input.started, now);
  const kept = check.ok || check.problem === 'too fast';
  return kept && typeof input.started === 'string' ? input.started : fillTime.sign(contactFormName, now);
}

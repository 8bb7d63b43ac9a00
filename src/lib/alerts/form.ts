/**
 * The subscribe form as the page renders it and the server reads it: its fields, its words,
 * its state (values, errors, notices) and its validation, shared by `/subscribe/` and
 * `POST /api/subscribe`, so the form says the same with and without JavaScript.
 */
import { site } from '../../site.config.ts';
import { emailSchema } from '../contact/schema.ts';
import { asciiAddress } from '../forms/email-address.ts';
import { errorLinks, type ErrorLink, type FieldError } from '../forms/field-error.ts';
import type { AlertChoices } from './subscriptions.ts';

export type SubscribeField = 'email' | 'policies';

export interface SubscribeValues {
  readonly email: string;
  readonly policies: readonly string[];
  readonly substantiveOnly: boolean;
}

export interface SubscribeFormState {
  readonly values: SubscribeValues;
  readonly errors: readonly FieldError<SubscribeField>[];
  /** Problems that belong to no field (too many requests, service unavailable): summary only. */
  readonly notices: readonly string[];
  /** When the form was first served, signed by the server (src/lib/forms/fill-time.ts). */
  readonly started: string;
  readonly status: number;
}

/** The words on the form. */
export const copy = {
  email: { label: 'Email address', hint: 'We will send a link to this address to confirm it is yours.' },
  policies: { legend: 'Which policies do you want to hear about?', hint: 'Select all that apply.' },
  substantiveOnly: {
    label: 'Only tell me about substantive changes',
    hint: 'Editorial changes (wording, typos, layout) that leave the rules as they were will not be sent.',
  },
  policiesMissing: 'Select at least one policy',
} as const;

/** The form's field names in the request body. */
export const fieldName = {
  email: 'email',
  policy: (policyId: string) => `policy-${policyId}`,
  substantiveOnly: 'substantive-only',
  honeypot: 'website',
  started: 'started',
} as const;

/** The id of each policy's checkbox; the first is where the error summary sends focus. */
export const policyOptionId = (policyId: string): string => `policy-${policyId}`;

export function summaryItems(errors: readonly FieldError<SubscribeField>[]): ErrorLink<SubscribeField>[] {
  return errorLinks(errors, (field) => (field === 'email' ? 'email' : policyOptionId(site.policies[0]?.id ?? '')));
}

/** The name the subscribe form's fill time is signed for (src/lib/forms/fill-time.ts). */
export const subscribeFormName = 'subscribe';

/** A fresh form: both policies ticked, or only `?policy=…` (the link from a policy page). */
export function initialSubscribeState(url: URL, started: string): SubscribeFormState {
  const asked = url.searchParams.get('policy');
  const policies = site.policies.some((p) => p.id === asked) && asked ? [asked] : site.policies.map((p) => p.id);
  return {
    values: { email: '', policies, substantiveOnly: false },
    errors: [],
    notices: [],
    started,
    status: 200,
  };
}

/** What the body says, as the form shows it again. Only known policies and fields are kept. */
export function subscribeValues(input: Readonly<Record<string, unknown>>): SubscribeValues {
  return {
    email: typeof input.email === 'string' ? input.email : '',
    policies: site.policies.map((p) => p.id).filter((id) => input[fieldName.policy(id)] === 'yes'),
    substantiveOnly: input[fieldName.substantiveOnly] === 'yes',
  };
}

export type SubscribeValidation =
  | { readonly kind: 'valid'; readonly address: string; readonly choices: AlertChoices }
  | { readonly kind: 'invalid'; readonly errors: FieldError<SubscribeField>[] }
  | { readonly kind: 'malformed'; readonly reason: string };

const allowed = new Set<string>([
  fieldName.email,
  fieldName.substantiveOnly,
  fieldName.honeypot,
  fieldName.started,
  ...site.policies.map((p) => fieldName.policy(p.id)),
]);

/** Checks a decoded body: errors in page order (email, then policies), GOV.UK messages. */
export function validateSubscribe(input: Readonly<Record<string, unknown>>): SubscribeValidation {
  for (const [key, value] of Object.entries(input)) {
    if (!allowed.has(key)) return { kind: 'malformed', reason: `unknown field "${key}"` };
    if (typeof value !== 'string') return { kind: 'malformed', reason: `"${key}" is not text` };
  }
  const values = subscribeValues(input);
  const errors: FieldError<SubscribeField>[] = [];
  const email = emailSchema.safeParse(values.email);
  if (!email.success)
    errors.push({ field: 'email', message: email.error.issues[0]?.message ?? 'Enter your email address' });
  if (values.policies.length === 0) errors.push({ field: 'policies', message: copy.policiesMissing });
  if (errors.length > 0 || !email.success) return { kind: 'invalid', errors };
  return {
    kind: 'valid',
    // Stored and sent in its ASCII form (an international domain in punycode), as the relay needs it.
    address: asciiAddress(email.data) ?? email.data,
    choices: { policies: values.policies, substantiveOnly: values.substantiveOnly },
  };
}

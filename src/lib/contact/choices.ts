/**
 * The answers the contact form offers, with their labels and hints: what the page renders and
 * what the schema (./schema.ts, which re-exports them) accepts.
 */
import { site } from '../../site.config.ts';

export interface Choice<T extends string = string> {
  readonly value: T;
  readonly label: string;
  readonly hint?: string;
}

export const topics = [
  { value: 'policy-question', label: 'A question about one of our policies' },
  {
    value: 'alternative-format',
    label: 'A policy in another format',
    hint: 'For example large print, Braille or audio',
  },
  {
    value: 'privacy-request',
    label: 'A California privacy request',
    hint: 'To know, delete or correct the personal information we hold about you',
  },
  { value: 'something-else', label: 'Something else' },
] as const satisfies readonly Choice[];
export type Topic = (typeof topics)[number]['value'];

/** The published policies, by id, as the policy and formats pages link to them (`?document=<id>`). */
export const documents: readonly Choice[] = site.policies.map((policy) => ({ value: policy.id, label: policy.name }));

export const formats = [
  { value: 'large-print', label: 'Large print' },
  { value: 'braille', label: 'Braille' },
  { value: 'audio', label: 'Audio' },
  { value: 'easy-read', label: 'Easy Read' },
  { value: 'other', label: 'Another format' },
] as const satisfies readonly Choice[];
export type Format = (typeof formats)[number]['value'];

/** The rights the Privacy Notice for California Residents describes (section 9). */
export const privacyRequests = [
  {
    value: 'know',
    label: 'Know what personal information we hold about me',
    hint: 'And how we collect, use and disclose it',
  },
  { value: 'delete', label: 'Delete personal information I have provided' },
  { value: 'correct', label: 'Correct inaccurate personal information' },
] as const satisfies readonly Choice[];
export type PrivacyRequest = (typeof privacyRequests)[number]['value'];

export const agentAnswers = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const satisfies readonly Choice[];

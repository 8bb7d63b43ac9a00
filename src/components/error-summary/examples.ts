/**
 * Named states of the error summary, written once and rendered by the component tests: the
 * render test (tests/unit/error-summary.test.ts, Astro's Container API) checks the markup of
 * each, the axe test (tests/e2e/components.spec.ts) checks each in Chromium. The messages are the
 * forms' own, so the examples show what the pages show.
 */
import { summaryItems } from '../../lib/contact/form.ts';
import { messages } from '../../lib/contact/schema.ts';
import { notices } from '../../lib/contact/submit.ts';
import { errorLinks } from '../../lib/forms/field-error.ts';
import { choosePair } from '../../lib/history/choose.ts';
import type { ErrorSummaryProps } from './props.ts';

export interface ComponentExample<Props> {
  /** What the state is, as the test names say it. */
  readonly name: string;
  readonly props: Props;
  /**
   * Markup the example's controls need, so the summary's links point somewhere: the real
   * forms have a field with each id.
   */
  readonly context?: string;
}

const sameVersionTwice = choosePair(['2024-04-25', '2025-01-15'], '2025-01-15', '2025-01-15');

export const errorSummaryExamples: readonly ComponentExample<ErrorSummaryProps>[] = [
  {
    name: 'one error (the compare form)',
    props: { errors: sameVersionTwice.ok ? [] : errorLinks(sameVersionTwice.errors) },
    context: '<label for="to">To (the newer version)</label><input id="to" name="to">',
  },
  {
    name: 'several errors, a radio group among them (the contact form)',
    props: {
      errors: summaryItems([
        { field: 'name', message: messages.name.empty },
        { field: 'email', message: messages.email.format },
        { field: 'topic', message: messages.topic.missing },
      ]),
    },
    context:
      '<label for="name">Full name</label><input id="name" name="name">' +
      '<label for="email">Email address</label><input id="email" name="email" type="email">' +
      '<fieldset><legend>What is your message about?</legend>' +
      '<input id="topic-policy-question" name="topic" type="radio" value="policy-question">' +
      '<label for="topic-policy-question">A question about one of our policies</label></fieldset>',
  },
  {
    name: 'a problem that belongs to no field',
    props: { notices: [notices.tooManyMessages(60)] },
  },
  {
    name: 'a notice and an error',
    props: {
      notices: [notices.notSaved('support@example.com')],
      errors: summaryItems([{ field: 'message', message: messages.message.empty }]),
    },
    context: '<label for="message">Your message</label><textarea id="message" name="message"></textarea>',
  },
  {
    name: 'text that looks like markup',
    props: { errors: [{ href: '#name', message: 'Enter a name without <script> & "quotes"' }] },
    context: '<label for="name">Full name</label><input id="name" name="name">',
  },
  { name: 'no problems', props: {} },
  { name: 'the template for the browser', props: { template: true } },
];

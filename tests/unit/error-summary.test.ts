/**
 * The error summary component, rendered through Astro's Container API from its examples
 * (src/components/error-summary/examples.ts). The same examples are checked with axe in Chromium
 * (tests/e2e/components.spec.ts); the forms' flows are e2e tests (contact.spec.ts,
 * compare.fixtures.spec.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorSummaryProps } from '../../src/components/error-summary/props.ts';
import {
  componentRenderer,
  loadExamples,
  type ComponentExamples,
  type ComponentRenderer,
} from '../helpers/components.ts';

let renderer: ComponentRenderer;
let summary: ComponentExamples<ErrorSummaryProps>;
const html = new Map<string, string>();

beforeAll(async () => {
  renderer = await componentRenderer();
  summary = await loadExamples<ErrorSummaryProps>(
    renderer,
    '/src/components/error-summary/ErrorSummary.astro',
    '/src/components/error-summary/examples.ts',
    'errorSummaryExamples',
  );
  for (const example of summary.examples)
    html.set(example.name, await renderer.render(summary.component, example.props));
}, 120_000);

afterAll(async () => {
  await renderer.close();
});

/** The example's markup without the whitespace between tags (layout only). */
function rendered(name: string): string {
  const markup = html.get(name);
  if (markup === undefined) throw new Error(`no example named "${name}"`);
  return markup.replace(/>\s+</g, '><').trim();
}

/** Every example with problems to show. */
const withProblems = (): ComponentExamples<ErrorSummaryProps>['examples'] =>
  summary.examples.filter(
    (e) => !e.props.template && ((e.props.errors?.length ?? 0) > 0 || (e.props.notices?.length ?? 0) > 0),
  );

describe('ErrorSummary', () => {
  it('has examples of one error, several errors, notices, no problems and the template', () => {
    expect(summary.examples.map((e) => e.name)).toEqual([
      'one error (the compare form)',
      'several errors, a radio group among them (the contact form)',
      'a problem that belongs to no field',
      'a notice and an error',
      'text that looks like markup',
      'no problems',
      'the template for the browser',
    ]);
  });

  it('titles every summary "There is a problem", in a heading inside role="alert", not on the heading', () => {
    for (const example of withProblems()) {
      const markup = rendered(example.name);
      expect(markup, example.name).toMatch(
        /<div role="alert"><h2 class="error-summary__title">There is a problem<\/h2><ul class="error-summary__list">/,
      );
      expect(markup.match(/role="alert"/g), example.name).toHaveLength(1);
    }
  });

  it('makes the container focusable and focused on arrival, without JavaScript too', () => {
    for (const example of withProblems()) {
      expect(rendered(example.name), example.name).toMatch(
        /^<div class="error-summary" tabindex="-1" autofocus data-error-summary><div role="alert">/,
      );
    }
  });

  it('links each error to its field, in the order given, after the notices', () => {
    expect(rendered('one error (the compare form)')).toContain(
      '<li><a href="#to">Choose two different versions to compare</a></li>',
    );
    const several = rendered('several errors, a radio group among them (the contact form)');
    expect([...several.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1])).toEqual([
      '#name',
      '#email',
      // A radio group's link goes to its first option (GOV.UK).
      '#topic-policy-question',
    ]);
    expect(rendered('a notice and an error')).toMatch(
      /<ul class="error-summary__list"><li>Sorry, there is a problem with this form[^<]*<\/li><li><a href="#message">Enter your message<\/a><\/li><\/ul>/,
    );
  });

  it('lists a problem that belongs to no field without a link', () => {
    const markup = rendered('a problem that belongs to no field');
    expect(markup).toContain('<li>You have sent too many messages in a short time. Wait 60 seconds');
    expect(markup).not.toContain('<a ');
  });

  it('escapes the messages it shows', () => {
    const markup = rendered('text that looks like markup');
    expect(markup).toContain('Enter a name without &lt;script&gt; &amp; &quot;quotes&quot;');
    expect(markup).not.toContain('<script');
  });

  it('renders nothing without problems', () => {
    expect(rendered('no problems')).toBe('');
  });

  it("carries no script of its own: the forms' scripts import error-summary.ts", () => {
    for (const example of summary.examples) expect(html.get(example.name), example.name).not.toContain('<script');
  });

  it('gives the browser an empty summary in a <template>, not focused by itself', () => {
    expect(rendered('the template for the browser')).toBe(
      '<template data-error-summary-template><div class="error-summary" tabindex="-1" data-error-summary>' +
        '<div role="alert"><h2 class="error-summary__title">There is a problem</h2>' +
        '<ul class="error-summary__list"></ul></div></div></template>',
    );
  });
});

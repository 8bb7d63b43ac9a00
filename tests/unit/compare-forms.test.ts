/**
 * The compare page's forms for a policy with one published version and with several, rendered
 * through Astro's Container API. The shipped site had one version of each policy when it opened,
 * and legal adds more: the one-version state is checked here rather than on the shipped build,
 * whose number of versions is legal's to change. The flows are e2e tests (compare.fixtures.spec.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import { componentRenderer, type ComponentRenderer } from '../helpers/components.ts';

let renderer: ComponentRenderer;
let forms: AstroComponentFactory;

beforeAll(async () => {
  renderer = await componentRenderer();
  ({ default: forms } = await renderer.load<{ default: AstroComponentFactory }>(
    '/src/components/compare/CompareForms.astro',
  ));
}, 120_000);

afterAll(async () => {
  await renderer.close();
});

const first = { version: '2024-04-25', label: 'April 25, 2024' };
const second = { version: '2025-01-15', label: 'January 15, 2025' };

describe('the compare page’s forms', () => {
  it('with one published version: nothing to compare, said plainly, and the date lookup still offered', async () => {
    const html = await renderer.render(forms, { policyId: 'privacy-policy', options: [first] });
    expect(html).toContain(
      'There is only one published version so far, so there is nothing to compare yet. This is the first published version.',
    );
    expect(html).not.toContain('<select');
    expect(html).toMatch(/<label for="date">Date<\/label>/);
    expect(html).toMatch(/<input[^>]*type="date"[^>]*id="date"/);
  });

  it('with two: two labelled selects, the newer as "to" and the older as "from"', async () => {
    const html = await renderer.render(forms, { policyId: 'privacy-policy', options: [second, first] });
    expect(html).not.toContain('There is only one published version so far');
    expect(html).toContain('<label for="from">From (the older version)</label>');
    expect(html).toContain('<label for="to">To (the newer version)</label>');
    expect(html).toMatch(/<select id="from"[\s\S]*?<option value="2024-04-25" selected/);
    expect(html).toMatch(/<select id="to"[\s\S]*?<option value="2025-01-15" selected/);
  });
});

/**
 * axe in Chromium over every example of the components that have examples (the component
 * folder's `examples.ts`), in the light and the dark colour scheme. The examples are rendered
 * through Astro's Container API, the same way their render tests do (tests/unit/error-summary.test.ts),
 * and shown with the site's stylesheets, so colour contrast is the pages' own.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { errorSummaryExamples } from '../../src/components/error-summary/examples.ts';
import type { ErrorSummaryProps } from '../../src/components/error-summary/props.ts';
import { componentRenderer, loadExamples, type ComponentRenderer } from '../helpers/components.ts';
import { axeViolations, rulesFor } from './support/axe.ts';
import { expect, test } from './support/test.ts';

const styles = ['src/styles/global.css', 'src/components/error-summary/error-summary.css']
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

/** A page as the site's would hold the component: a heading, the component, the fields it names. */
function examplePage(example: { name: string; context?: string }, component: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Example: ${example.name}</title>` +
    `<style>${styles}</style></head><body><main><h1>Example</h1>${component}` +
    `<form>${example.context ?? ''}<button type="submit">Send</button></form></main></body></html>`
  );
}

/** Examples with something to show (not the template, not the empty state). */
const showsProblems = (props: ErrorSummaryProps): boolean =>
  !props.template && (props.errors?.length ?? 0) + (props.notices?.length ?? 0) > 0;

let renderer: ComponentRenderer | undefined;
const pages = new Map<string, string>();

/**
 * Open an example as a page of its own, by navigation (not `setContent`), so the browser treats
 * it as it treats the site's pages: `autofocus` acts on each. The address is answered here and
 * never leaves the browser.
 */
async function show(page: Page, name: string): Promise<void> {
  const html = pages.get(name);
  if (html === undefined) throw new Error(`no example named "${name}"`);
  const url = `https://components.test/error-summary/${encodeURIComponent(name)}`;
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto(url);
}

test.describe('error summary examples', () => {
  // One worker renders the examples once; a failing example does not skip the others.
  test.describe.configure({ mode: 'default' });

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    renderer = await componentRenderer();
    const { component, examples } = await loadExamples<ErrorSummaryProps>(
      renderer,
      '/src/components/error-summary/ErrorSummary.astro',
      '/src/components/error-summary/examples.ts',
      'errorSummaryExamples',
    );
    for (const example of examples) {
      pages.set(example.name, examplePage(example, await renderer.render(component, example.props)));
    }
  });

  test.afterAll(async () => {
    await renderer?.close();
  });

  test('renders every example', () => {
    expect([...pages.keys()]).toEqual(errorSummaryExamples.map((e) => e.name));
  });

  for (const example of errorSummaryExamples) {
    // One visit per example, both colour schemes in it (the scheme changes nothing but colours).
    test(`${example.name}: axe finds nothing (light and dark scheme)`, async ({ page }) => {
      await show(page, example.name);
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        const violations = await axeViolations(page, undefined, rulesFor({ colorScheme }));
        expect.soft(violations, `${colorScheme} scheme`).toEqual([]);
      }
    });
    if (!showsProblems(example.props)) continue;
    test(`${example.name}: takes focus on arrival without its script; Tab reaches the first link`, async ({ page }) => {
      await show(page, example.name);
      const summary = page.locator('[data-error-summary]');
      await expect(summary).toBeFocused();
      const links = summary.locator('a');
      if ((await links.count()) === 0) return; // notices only: nothing to follow
      await page.keyboard.press('Tab');
      await expect(links.first()).toBeFocused();
    });
  }
});

// The checks above and every page's pass only if axe, as run here, reports what it finds.
test('axe, as the suite runs it, reports a violation: every rule in light, the colour rules in dark', async ({
  page,
}) => {
  await page.setContent(
    '<!doctype html><html lang="en"><head><title>Control</title><style>' +
      '@media (prefers-color-scheme: dark) { body { background: #000; } p { color: #111; } }' +
      '</style></head><body><main><h1>Control</h1><p>Dim in the dark</p><input type="text"></main></body></html>',
  );
  const light = await axeViolations(page);
  expect(light.map((v) => v.split(' ')[0])).toEqual(['label']);
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await axeViolations(page, undefined, rulesFor({ colorScheme: 'dark' }));
  expect(dark.map((v) => v.split(' ')[0])).toEqual(['color-contrast']);
});

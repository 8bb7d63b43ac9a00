import axe from 'axe-core';
import type { Page } from '@playwright/test';

/** The rule sets every page must pass: WCAG 2.0–2.2 A and AA, and axe's best practices. */
export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * The rules whose outcome the colours can change. The dark scheme changes colours and nothing
 * else (tests/unit/color-schemes.test.ts holds the styles to that), and forced colours replace
 * colours and backgrounds, so a page already checked with every rule in the light scheme is
 * checked with only these in the dark scheme and in forced colours.
 */
export const colourRules = ['color-contrast', 'link-in-text-block'];

/** The options for axe in a colour setting: every rule in the light scheme, the colour rules otherwise. */
export const rulesFor = (media: {
  colorScheme?: 'light' | 'dark';
  forcedColors?: 'active' | 'none';
}): { rules?: readonly string[] } =>
  media.colorScheme === 'dark' || media.forcedColors === 'active' ? { rules: colourRules } : {};

/**
 * Run axe and return its violations in a form that reads well in a failed assertion.
 *
 * axe-core itself, run in the page, rather than @axe-core/playwright's `AxeBuilder`: each
 * `analyze()` evaluates axe's 550 KB source again and opens a blank page to merge the frames'
 * results (`finishRun`), about 0.5–0.9 s per call here against 0.4–0.5 s for the whole rule set,
 * which made axe most of the browser suite's time. Here axe is evaluated once per document and
 * each call is one `axe.run`. That merging exists for frames, and the site has none: a page with
 * one fails here rather than being checked in part.
 */
export async function axeViolations(
  page: Page,
  include?: string,
  options: { rules?: readonly string[] } = {},
): Promise<string[]> {
  const frames = page.frames().length - 1;
  if (frames > 0) return [`the page has ${frames} frame(s): axeViolations checks the top document only`];
  // Not `'axe' in window`: an element with id="axe" would make that true.
  const loaded = await page.evaluate(
    () => typeof (window as unknown as { axe?: { run?: unknown } }).axe?.run === 'function',
  );
  if (!loaded) await page.evaluate(axe.source);
  const runOptions: axe.RunOptions = {
    runOnly: options.rules ? { type: 'rule', values: [...options.rules] } : { type: 'tag', values: axeTags },
    // Passes and incomplete results are not reported: not collecting their nodes is quicker.
    resultTypes: ['violations'],
  };
  const results = await page.evaluate(
    ({ include: selector, runOptions: run }) =>
      (window as unknown as { axe: typeof axe }).axe.run(selector ? { include: [selector] } : document, run),
    { include: include ?? null, runOptions },
  );
  return results.violations.map(
    (v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

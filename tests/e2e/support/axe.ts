import AxeBuilder from '@axe-core/playwright';
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

/** Run axe and return its violations in a form that reads well in a failed assertion. */
export async function axeViolations(
  page: Page,
  include?: string,
  options: { rules?: readonly string[] } = {},
): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(axeTags);
  if (options.rules) builder = builder.withRules([...options.rules]);
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

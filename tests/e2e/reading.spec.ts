/**
 * Reading works for everyone: the text is the seed's, word for word; keyboard users can skip
 * to the content; the page reflows at 320 CSS px (WCAG 1.4.10) and survives forced colours.
 *
 * The checks of the real text read the seed's version at its permanent address, which never
 * changes: the current page shows whatever version legal published last, and is checked to be
 * that version's page.
 */
import { firstDifference, normalizeText, readSeed } from '../helpers/seed.ts';
import { seedVersionId } from '../helpers/shipped.ts';
import { axeViolations } from './support/axe.ts';
import { expect, test } from './support/test.ts';
import { policyText } from './support/policy-text.ts';
import { sidewaysScrollAtNarrowWidth } from './support/reflow.ts';

const seed = readSeed();
const policies = ['privacy-policy', 'california-privacy-notice'] as const;
/** The permanent address of the version whose text the seed is. */
const seedPage = (id: string): string => `/${id}/${seedVersionId}/`;

for (const id of policies) {
  test(`${id}: the rendered text equals the seed word for word`, async ({ page }) => {
    await page.goto(seedPage(id));
    const main = page.locator('main');
    await expect(main.locator('h1')).toHaveText(seed[id].title);
    await expect(main.locator('.last-modified')).toHaveText('Last Modified: April 25, 2024');
    await expect(main.locator('.last-modified time')).toHaveAttribute('datetime', '2024-04-25');
    const seedLine = seed[id].lastModifiedLine;
    if (seedLine) await expect(main.locator('.last-modified')).toHaveText(seedLine);
    const body = await policyText(page);
    expect(firstDifference(normalizeText(body), normalizeText(seed[id].body))).toBeNull();
  });

  test(`${id}: the table of contents links to every section heading`, async ({ page }) => {
    await page.goto(seedPage(id));
    const tocTargets = await page.locator('nav.toc a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    const headingIds = await page
      .locator('#policy-text :is(h2, h3, h4)')
      .evaluateAll((headings) => headings.map((h) => `#${h.id}`));
    expect(tocTargets).toEqual(headingIds);
    expect(headingIds.length).toBeGreaterThan(10);
  });

  // One visit for both: at 320 px, then back at the usual width in forced colours.
  test(`${id}: reflows at 320 px without horizontal scrolling, readable and axe-clean in forced colours`, async ({
    page,
  }) => {
    const overflow = await sidewaysScrollAtNarrowWidth(page, async () => {
      await page.goto(seedPage(id));
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await page.emulateMedia({ forcedColors: 'active' });
    await expect(page.locator('h1')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
}

test('the current page is its version’s page: the same text as at its permanent address', async ({ page }) => {
  await page.goto('/privacy-policy/');
  const current = await page.locator('#policy-text').innerHTML();
  const permanent = page.locator('dt', { hasText: 'Permanent address' }).locator('xpath=following-sibling::dd[1]//a');
  const address = await permanent.getAttribute('href');
  expect(address).toMatch(/^\/privacy-policy\/\d{4}-\d{2}-\d{2}(-\d+)?\/$/);
  await page.goto(address ?? '');
  expect(await page.locator('#policy-text').innerHTML()).toBe(current);
});

test('Tab from the top reaches the skip link first, and it moves focus to <main>', async ({ page }) => {
  await page.goto(seedPage('privacy-policy'));
  await page.keyboard.press('Tab');
  const skip = page.locator(':focus');
  await expect(skip).toHaveText('Skip to main content');
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  // The next Tab continues inside main, not back at the header.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
});

test('reading needs no JavaScript', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: baseURL ?? '' });
  const page = await context.newPage();
  await page.goto(seedPage('california-privacy-notice'));
  await expect(page.locator('#notice-at-collection')).toContainText('Notice at Collection for California Residents:');
  await page.locator('nav.toc a', { hasText: 'Authorized Agents' }).click();
  await expect(page).toHaveURL(/#authorized-agents$/);
  await context.close();
});

test('print shows the document, not the navigation', async ({ page }) => {
  await page.emulateMedia({ media: 'print' });
  await page.goto(seedPage('privacy-policy'));
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('nav.toc')).toBeHidden();
  await expect(page.locator('.print-only')).toBeVisible();
  await expect(page.locator('.print-only')).toContainText('/privacy-policy/2024-04-25/');
});

test('a long text has a way around: “Your Choices” links to its section, each heading to itself, each section back to the contents', async ({
  page,
}) => {
  // Jumps are instant, as for readers who ask for less motion (a smooth scroll takes its time).
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(seedPage('privacy-policy'));
  const text = page.locator('#policy-text');
  const sections = await text.locator('h2').count();
  await expect(text.getByRole('link', { name: 'Back to contents', exact: true })).toHaveCount(sections);

  // Abbreviations are expanded at their first use in a section, letters unchanged.
  await expect(text.locator('abbr[title="Internet Protocol"]').first()).toHaveText('IP');

  // The quoted title in the text is a link, and only its words are: the quotes stay text.
  const reference = text.getByRole('link', { name: 'Your Choices', exact: true }).first();
  await reference.click();
  await expect(page).toHaveURL(/#your-choices$/);
  await expect(page.locator('#your-choices')).toBeInViewport();

  // Each heading's "§" link is named after its section, and is visible.
  const selfLink = text.getByRole('link', { name: 'Link to this section: Your Choices', exact: true });
  await expect(selfLink).toBeVisible();
  await expect(selfLink).toHaveText('§');
  await expect(selfLink).toHaveAttribute('href', '#your-choices');

  // From the keyboard: "Back to contents" brings the reader to the contents, and Tab goes on there.
  await text.getByRole('link', { name: 'Back to contents' }).last().focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#toc-heading$/);
  await expect(page.locator('#toc-heading')).toBeInViewport();
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveText('Information You Provide To Us');
});

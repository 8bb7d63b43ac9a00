/**
 * The changes pages on the fixture build: counts and changed sections at the top, added and
 * removed words announced and visible without colour (forced colours, print), "next change"
 * by keyboard, and the full view carrying the new version's text word for word.
 */
import { firstDifference, normalizeText } from '../helpers/seed.ts';
import { expect, test } from './support/test.ts';
import { policyText } from './support/policy-text.ts';

const changes = '/privacy-policy/2025-01-15/changes/';

test('the top of the page gives the counts and links every changed section to its change', async ({ page }) => {
  await page.goto(changes);
  await expect(page.locator('h1')).toHaveText('What changed in the AllWork Privacy Policy on January 15, 2025');
  await expect(page.locator('.change-counts li')).toHaveText([
    '19 words added',
    '8 words removed',
    '3 sections changed',
    '0 sections added',
    '0 sections removed',
    '0 sections renamed',
    '0 passages moved (text unchanged)',
  ]);
  const sections = page.locator('ol.changed-sections > li');
  await expect(sections).toHaveText([
    'Information We Collect Automatically When You Use the AllWork Platform: 1 word added, 1 removed',
    'Use of Information: 0 words added, 7 removed',
    'Security: 18 words added, 0 removed',
  ]);
  // Each link lands on its change.
  await sections.nth(2).getByRole('link').click();
  await expect(page).toHaveURL(/#change-3$/);
  await expect(page.locator('#change-3')).toBeFocused();
  await expect(page.locator('#change-3 ins')).toContainText('If we learn of a security incident');
});

test('added and removed words are ins/del with words a screen reader announces', async ({ page }) => {
  await page.goto(changes);
  const change = page.locator('#change-1');
  await expect(change.locator('del')).toHaveText('[removed] an [end removed]');
  await expect(change.locator('ins')).toHaveText('[added] and [end added]');
  // The announcements are visually hidden, not removed from the accessibility tree.
  await expect(change.locator('ins .visually-hidden').first()).toBeAttached();
  expect(
    await change
      .locator('ins .visually-hidden')
      .first()
      .evaluate((el) => getComputedStyle(el).display),
  ).not.toBe('none');
  await expect(change.locator('.change-label')).toHaveText(
    'Change 1 of 3: list item changed (1 word added, 1 word removed)',
  );
  await expect(page.locator('#change-2 .change-label')).toHaveText('Change 2 of 3: list item removed');
});

for (const mode of ['forced colours', 'print'] as const) {
  test(`added and removed words stay distinguishable without colour (${mode})`, async ({ page }) => {
    if (mode === 'print') await page.emulateMedia({ media: 'print' });
    else await page.emulateMedia({ forcedColors: 'active' });
    await page.goto(changes);
    const decoration = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).textDecorationLine);
    expect(await decoration('.diff ins')).toContain('underline');
    expect(await decoration('.diff del')).toContain('line-through');
    // A removed or added passage is labelled in words, not only by its border.
    await expect(page.locator('#change-2 .change-label')).toBeVisible();
  });
}

test('keyboard: "Next change" moves focus to the next change, and Tab continues from there', async ({ page }) => {
  await page.goto(changes);
  const next = page.locator('#change-1').getByRole('link', { name: /^Next change/ });
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#change-2$/);
  await expect(page.locator('#change-2')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveText('Previous change (1 of 3)');
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveText('Next change (3 of 3)');
  await page.keyboard.press('Enter');
  await expect(page.locator('#change-3')).toBeFocused();
  // The last change has no "Next change"; "All changes" goes back to the list.
  await expect(page.locator('#change-3').getByRole('link', { name: /^Next change/ })).toHaveCount(0);
  await page.locator('#change-3').getByRole('link', { name: 'All changes' }).press('Enter');
  await expect(page).toHaveURL(/#changed-sections$/);
});

test('"Next change" works without JavaScript too (plain anchors)', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL: baseURL ?? '', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/california-privacy-notice/2025-09-01/changes/full/');
  await page
    .locator('#change-1')
    .getByRole('link', { name: /^Next change/ })
    .click();
  await expect(page).toHaveURL(/#change-2$/);
  await expect(page.locator('#change-2')).toBeInViewport();
  await context.close();
});

test('two views, both plain HTML: changed sections only (default) and the full document', async ({ page }) => {
  await page.goto(changes);
  const views = page.getByRole('navigation', { name: 'Views of the changes' });
  await expect(views.locator('[aria-current="page"]')).toHaveText('Changed sections only');
  // Only the three changed sections are shown.
  await expect(page.locator('.diff-section')).toHaveCount(3);
  await expect(page.locator('.diff')).not.toContainText('Analytics Services Provided by Others');
  await views.getByRole('link', { name: 'Full document with changes marked' }).click();
  await expect(page).toHaveURL('/privacy-policy/2025-01-15/changes/full/');
  await expect(views.locator('[aria-current="page"]')).toHaveText('Full document with changes marked');
  await expect(page.locator('.diff')).toContainText('Analytics Services Provided by Others');
  await expect(page.locator('.diff .change')).toHaveCount(3);
});

/** The text of a diff view as one side reads it: without the other side's words and the labels. */
async function sideText(page: import('@playwright/test').Page, drop: 'del' | 'ins'): Promise<string> {
  return page.locator('.diff').evaluate((root, dropTag) => {
    const copy = root.cloneNode(true) as HTMLElement;
    for (const el of copy.querySelectorAll(`${dropTag}, .visually-hidden, .change-bar, .diff-doc-title`)) el.remove();
    document.body.append(copy);
    const text = copy.innerText;
    copy.remove();
    return text;
  }, drop);
}

for (const [policy, version] of [
  ['privacy-policy', '2025-01-15'],
  ['privacy-policy', '2025-09-01'],
  ['california-privacy-notice', '2025-01-15'],
  ['california-privacy-notice', '2025-09-01'],
] as const) {
  test(`${policy} ${version}: the full view without removals is the version's text, word for word`, async ({
    page,
  }) => {
    await page.goto(`/${policy}/${version}/`);
    const published = normalizeText(await policyText(page));
    await page.goto(`/${policy}/${version}/changes/full/`);
    expect(firstDifference(normalizeText(await sideText(page, 'del')), published)).toBeNull();
  });
}

test('a moved paragraph is shown as moved, not as removed and added words', async ({ page }) => {
  await page.goto('/privacy-policy/2025-09-01/changes/');
  await expect(page.locator('.change-counts li').nth(6)).toHaveText('1 passage moved (text unchanged)');
  const moved = page.locator('.change-moved');
  await expect(moved).toHaveCount(1);
  await expect(moved.locator('.change-label')).toContainText('paragraph moved within this section, text unchanged');
  await expect(moved.locator('ins, del')).toHaveCount(0);
  // The formatting-only change (a term set in bold) is no change at all.
  await expect(page.locator('.diff')).not.toContainText('Personal Information” is defined');
});

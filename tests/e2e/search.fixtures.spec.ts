/**
 * Search over several versions (fixture content built with BUILD_DATE=2026-01-01: the 2025-09-01
 * versions are current, 2024-04-25 and 2025-01-15 archived). Current versions only by default;
 * "Include past versions" adds the archived ones, after the current ones, each with its date.
 */
import { indexedPages, searchBox } from './support/search.ts';
import { expect, test } from './support/test.ts';

test('the index holds each current text once and every archived version, never a duplicate', async ({ page }) => {
  await page.goto('/search/');
  expect(await indexedPages(page)).toEqual([
    '/california-privacy-notice/ current',
    '/california-privacy-notice/2024-04-25/ archived',
    '/california-privacy-notice/2025-01-15/ archived',
    '/privacy-policy/ current',
    '/privacy-policy/2024-04-25/ archived',
    '/privacy-policy/2025-01-15/ archived',
  ]);
});

test('“Include past versions” adds an archived version, shown with its date', async ({ page }) => {
  // The 2024-04-25 Privacy Policy still lists contest entries among the uses of information; later versions do not.
  await page.goto('/search/?q=contest+entries');
  const search = searchBox(page);
  await expect(search.status).toHaveText(/^No results for “contest entries” in the current versions\./);
  await expect(search.links).toHaveCount(0);

  await search.past.check();
  await expect(search.status).toHaveText(/^\d+ results? for “contest entries”, including past versions$/);
  const archived = search.root.getByRole('link', {
    name: 'AllWork Privacy Policy › Use of Information (past version of April 25, 2024)',
  });
  await expect(archived).toHaveAttribute('href', '/privacy-policy/2024-04-25/#use-of-information');
  await expect(page).toHaveURL('/search/?q=contest+entries&past=1');
  await expect(search.past).toBeFocused();

  await archived.click();
  await expect(page).toHaveURL('/privacy-policy/2024-04-25/#use-of-information');
  await expect(page.locator('#policy-text')).toContainText('Process and deliver contest entries and rewards;');
});

test('with past versions, current results come first', async ({ page }) => {
  await page.goto('/search/?q=cookies&past=1');
  const search = searchBox(page);
  await expect(search.past).toBeChecked();
  await expect(search.status).toHaveText(/, including past versions$/);
  const hrefs = await search.links.evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  const isPast = (href: string) => /\/\d{4}-\d{2}-\d{2}\//.test(href);
  const firstPast = hrefs.findIndex(isPast);
  expect(firstPast).toBeGreaterThan(0);
  expect(hrefs.slice(firstPast).every(isPast)).toBe(true);
  expect(hrefs).toEqual(expect.arrayContaining(['/privacy-policy/#cookies', '/privacy-policy/2025-01-15/#cookies']));
  // Unchecking goes back to current versions only.
  await search.past.uncheck();
  await expect(search.status).not.toHaveText(/including past versions/);
  await expect(search.links.and(page.locator('[href*="/20"]'))).toHaveCount(0);
  await expect(page).toHaveURL('/search/?q=cookies');
});

test('keyboard: Space toggles past versions, and Escape from the checkbox clears and returns to the field', async ({
  page,
}) => {
  await page.goto('/search/?q=cookies');
  const search = searchBox(page);
  await expect(search.links.first()).toBeVisible();
  await search.past.focus();
  await page.keyboard.press('Space');
  await expect(search.status).toHaveText(/including past versions$/);
  await expect(search.past).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(search.field).toBeFocused();
  await expect(search.field).toHaveValue('');
  await expect(search.links).toHaveCount(0);
  await expect(page).toHaveURL('/search/');
});

// axe with past versions listed (light and dark): pages.builds.spec.ts.

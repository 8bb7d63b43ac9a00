/**
 * The shipped site has one version of each policy: history, compare and feeds must read well
 * with a single version ("This is the first published version") and offer nothing to compare.
 */
import { XMLParser } from 'fast-xml-parser';
import { expect, test } from './support/test.ts';

for (const id of ['privacy-policy', 'california-privacy-notice']) {
  test(`${id}: one version reads as the first published version everywhere`, async ({ page, request }) => {
    await page.goto(`/${id}/`);
    await expect(page.locator('.version-links')).toContainText('This is the first published version.');
    await expect(page.locator('.version-banner')).toHaveCount(0);
    await page.getByRole('link', { name: 'All versions' }).click();
    await expect(page).toHaveURL(`/${id}/versions/`);
    await expect(page.locator('table.history-table tbody tr')).toHaveCount(1);
    await expect(page.locator('tbody th')).toHaveText('2024-04-25 (current)');
    await expect(page.locator('tbody tr')).toContainText('This is the first published version.');
    await expect(page.locator('tbody a', { hasText: 'Changes' })).toHaveCount(0);
    // Nothing to compare yet, but the date lookup works.
    await page.goto(`/${id}/compare/`);
    await expect(page.locator('main')).toContainText('There is only one published version so far');
    await expect(page.locator('select')).toHaveCount(0);
    await expect(page.getByLabel('Date')).toBeVisible();
    expect((await request.get(`/${id}/2024-04-25/changes/`)).status()).toBe(404);
  });
}

test('the date lookup leads to the one version, or says none was in force yet', async ({ request }) => {
  const go = (date: string) => request.get(`/privacy-policy/compare/go/?date=${date}`, { maxRedirects: 0 });
  const found = await go('2024-04-25');
  expect(found.status()).toBe(303);
  expect(found.headers()['location']).toMatch(/\/privacy-policy\/2024-04-25\/$/);
  const before = await go('2024-04-24');
  expect(before.status()).toBe(400);
  expect(await before.text()).toContain(
    'No version of the Privacy Policy was in force on April 24, 2024: the first version took effect on April 25, 2024.',
  );
});

test('each feed has one entry, the first published version', async ({ request }) => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
  const feed = parser.parse(await (await request.get('/privacy-policy/feed.xml')).text()) as {
    feed: { entry: { title: string; category: { term: string } } };
  };
  expect(feed.feed.entry.title).toBe('First published version: AllWork Privacy Policy, April 25, 2024');
  expect(feed.feed.entry.category.term).toBe('first');
});

/**
 * The shipped site's history: the seed's version of each policy reads as the first published
 * version everywhere, whatever legal has published since, and the versions table lists every
 * published version of the content with one marked current. (The one-version compare page is a
 * component test: tests/unit/compare-forms.test.ts; several versions: the *.fixtures specs.)
 */
import { XMLParser } from 'fast-xml-parser';
import { readVersionRecords } from '../../src/lib/versions/files.ts';
import { seedVersionId } from '../helpers/shipped.ts';
import { expect, test } from './support/test.ts';

const published = readVersionRecords('content/policies').filter((version) => version.status === 'published');

for (const id of ['privacy-policy', 'california-privacy-notice']) {
  test(`${id}: the seed's version reads as the first published version everywhere`, async ({ page, request }) => {
    await page.goto(`/${id}/${seedVersionId}/`);
    await expect(page.locator('.version-links')).toContainText('This is the first published version.');
    await page.locator('.version-links').getByRole('link', { name: 'All versions' }).click();
    await expect(page).toHaveURL(`/${id}/versions/`);
    const rows = page.locator('table.history-table tbody tr');
    await expect(rows).toHaveCount(published.filter((version) => version.policy === id).length);
    await expect(page.locator('tbody th', { hasText: '(current)' })).toHaveCount(1);
    const first = rows.filter({ has: page.locator('th', { hasText: seedVersionId }) });
    await expect(first).toContainText('This is the first published version.');
    await expect(first.locator('a', { hasText: 'Changes' })).toHaveCount(0);
    await expect(rows.last()).toContainText(seedVersionId); // newest first: the first version is last
    expect((await request.get(`/${id}/${seedVersionId}/changes/`)).status()).toBe(404);
  });
}

test('the date lookup leads to the first version on its day, or says none was in force yet', async ({ request }) => {
  const go = (date: string) => request.get(`/privacy-policy/compare/go/?date=${date}`, { maxRedirects: 0 });
  const found = await go(seedVersionId);
  expect(found.status()).toBe(303);
  expect(found.headers()['location']).toMatch(new RegExp(`/privacy-policy/${seedVersionId}/$`));
  const before = await go('2024-04-24');
  expect(before.status()).toBe(400);
  expect(await before.text()).toContain(
    'No version of the Privacy Policy was in force on April 24, 2024: the first version took effect on April 25, 2024.',
  );
});

test('each feed ends with the first published version', async ({ request }) => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
  const feed = parser.parse(await (await request.get('/privacy-policy/feed.xml')).text()) as {
    feed: { entry: { title: string; category: { term: string } } | { title: string; category: { term: string } }[] };
  };
  const entries = [feed.feed.entry].flat();
  expect(entries).toHaveLength(published.filter((version) => version.policy === 'privacy-policy').length);
  expect(entries.at(-1)?.title).toBe('First published version: AllWork Privacy Policy, April 25, 2024');
  expect(entries.at(-1)?.category.term).toBe('first');
});

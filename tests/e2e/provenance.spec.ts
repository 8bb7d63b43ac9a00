/**
 * Each version page says which commit published it (short hash and date), as git records it;
 * a build without that history says "Provenance unavailable" instead.
 * The expectation is computed here with plain git, independently of src/lib/publishing.
 */
import { execFileSync } from 'node:child_process';
import { formatDate } from '../../src/lib/dates.ts';
import { expect, test } from './support/test.ts';

const git = (...args: string[]): string => execFileSync('git', args, { encoding: 'utf8' }).trim();
const shallow = git('rev-parse', '--is-shallow-repository') === 'true';

for (const id of ['privacy-policy', 'california-privacy-notice'] as const) {
  test(`${id}: the version page names the commit that published it`, async ({ page }) => {
    await page.goto(`/${id}/2024-04-25/`);
    const provenance = page.locator('#main .provenance');
    if (shallow) {
      await expect(provenance).toHaveText(/^Provenance unavailable/);
      return;
    }
    // The shipped versions were added already published: the publishing commit is the one that added the file.
    const [short = '', date = ''] = git(
      'log',
      '--diff-filter=A',
      '--format=%h %cI',
      '--',
      `content/policies/${id}/2024-04-25.mdx`,
    )
      .split('\n')
      .at(-1)!
      .split(' ');
    const day = new Date(date).toISOString().slice(0, 10);
    await expect(provenance).toHaveText(`Published in commit ${short} on ${formatDate(day)}.`);
    await expect(provenance.locator('time')).toHaveAttribute('datetime', day);
  });
}

test('fingerprints and the commit wait in "Technical details": in the HTML, read out only when opened', async ({
  page,
}) => {
  await page.goto('/privacy-policy/2024-04-25/');
  const hashes = page.locator('main code').filter({ hasText: /^[0-9a-f]{64}$/ });
  // The text's fingerprint, inside a closed disclosure; the files' checksums are on the formats page.
  await expect(hashes).toHaveCount(1);
  expect(await hashes.evaluateAll((codes) => codes.every((code) => code.closest('details:not([open])')))).toBe(true);
  await expect(page.locator('main .provenance')).toBeHidden();

  const about = page.locator('.version-facts').getByRole('group');
  await about.getByText('Technical details', { exact: true }).click();
  await expect(page.locator('.version-facts .hash')).toBeVisible();
  await expect(page.locator('main .provenance')).toBeVisible();

  // The files' checksums, on the formats page, in a closed disclosure per version that opens from the keyboard.
  await page.goto('/privacy-policy/formats/#version-2024-04-25');
  const version = page.locator('section.version-formats').filter({ has: page.locator('#version-2024-04-25') });
  const fileHashes = version.locator('code').filter({ hasText: /^[0-9a-f]{64}$/ });
  await expect(fileHashes).toHaveCount(await version.locator('li.format').count());
  await expect(fileHashes.first()).toBeHidden();
  const files = version.locator('summary');
  await expect(files).toHaveText('Technical details: checksums of the files');
  await files.focus();
  await page.keyboard.press('Enter');
  await expect(fileHashes.first()).toBeVisible();
});

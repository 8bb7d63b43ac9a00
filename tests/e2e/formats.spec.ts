/**
 * The way to the formats by keyboard, and the formats page at 320 px, on the shipped build (they
 * read the same in every build). That every version page links to its files, and that every file
 * behind the formats pages' links is what they say, is checked on each page of each build by
 * pages.builds.spec.ts (support/format-checks.ts).
 */
import { axeViolations } from './support/axe.ts';
import { expect, test } from './support/test.ts';

test("keyboard: the link at the top leads to this version's files, and a download starts from there", async ({
  page,
}) => {
  await page.goto('/privacy-policy/');
  const version = (await page.locator('#policy-text').getAttribute('data-version')) ?? '';
  const jump = page.getByRole('link', { name: /^Files of this version: PDF, large print/ });
  // Tab from the top of the page until the jump link has focus.
  for (let i = 0; i < 15 && !(await jump.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(jump).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`/privacy-policy/formats/#version-${version}`);
  await expect(page.locator(`#version-${version}`)).toBeInViewport();
  // Tab goes on from the version's heading: past "Read this version on the web", to its first file.
  const first = page.locator(`section:has(> h2#version-${version}) li.format a`).first();
  for (let i = 0; i < 3 && !(await first.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(first).toBeFocused();
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toBe(`privacy-policy-${version}.pdf`);
});

test('the formats page reflows at 320 px and is axe-clean in forced colours', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/privacy-policy/formats/');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.emulateMedia({ forcedColors: 'active' });
  expect(await axeViolations(page)).toEqual([]);
});

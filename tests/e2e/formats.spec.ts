/**
 * The Formats section by keyboard and at 320 px, on the shipped build (it reads the same in
 * every build). What every Formats section and formats page lists, and every file behind their
 * links, is checked on each page of each build by pages.builds.spec.ts (support/format-checks.ts).
 */
import { axeViolations } from './support/axe.ts';
import { expect, test } from './support/test.ts';

test('keyboard: the link at the top leads to the Formats section, and a download starts from there', async ({
  page,
}) => {
  await page.goto('/privacy-policy/');
  const jump = page.getByRole('link', { name: /^Download as PDF, large print/ });
  // Tab from the top of the page until the jump link has focus.
  for (let i = 0; i < 15 && !(await jump.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(jump).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#formats$/);
  await page.keyboard.press('Tab');
  const first = page.locator('section#formats li.format a').first();
  await expect(first).toBeFocused();
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toMatch(/^privacy-policy-\d{4}-\d{2}-\d{2}\.pdf$/);
});

test('the Formats section reflows at 320 px and is axe-clean in forced colours', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/privacy-policy/#formats');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.emulateMedia({ forcedColors: 'active' });
  expect(await axeViolations(page)).toEqual([]);
});

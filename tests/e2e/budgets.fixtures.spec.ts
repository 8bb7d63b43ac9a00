/**
 * The first-view budget when legal has published more: in the fixtures the privacy policy's page
 * shows a later, longer text with key points, so the budget grows by what those words add
 * (`textAllowance`) and by nothing else: the page's own markup, styles and headers are held as on
 * the shipped site (budgets.spec.ts).
 */
import { firstView, firstViewBudget, textAllowance } from '../../scripts/bench/first-view.ts';
import { expect, test } from './support/test.ts';

test('a later version with key points: within the budget and what its own words add, in one request', async ({
  page,
}) => {
  const view = await firstView(page, '/privacy-policy/');
  expect(view.requests, view.parts.join('\n')).toBe(1);
  await expect(page.locator('.key-points')).toBeVisible();
  const allowance = await textAllowance(page, 'privacy-policy');
  // The fixtures' text is not the seed's: the allowance is what keeps a longer text in budget.
  expect(allowance.brotli).toBeGreaterThan(0);
  expect(view.total, view.parts.join('\n')).toBeLessThanOrEqual(firstViewBudget.onTheWire + allowance.brotli);
});

/**
 * The privacy policy's first view as the deployment serves it: Chromium over HTTPS (HTTP/2) to
 * Debian's nginx with the shipped configuration, which sends the build's brotli copy
 * (`brotli_static`). The same budget as from the Node server (budgets.spec.ts): 7,948 B now,
 * HPACK-compressed headers and frames included (8,670 B with the stylesheet as a file).
 */
import { firstView, firstViewBudget, textAllowance } from '../../scripts/bench/first-view.ts';
import { expect, test } from './support/test.ts';

test('through nginx, the privacy policy first view is within the on-the-wire budget, in one request', async ({
  page,
}) => {
  const view = await firstView(page, '/privacy-policy/');
  expect(view.requests, view.parts.join('\n')).toBe(1);
  // The page comes compressed with brotli, from the build's copy.
  expect(
    view.parts.every((part) => part.endsWith('(br)')),
    view.parts.join('\n'),
  ).toBe(true);
  const version = (await page.locator('#policy-text').getAttribute('data-version')) ?? '';
  const allowance = await textAllowance(page, 'privacy-policy', version);
  expect(view.total, view.parts.join('\n')).toBeLessThanOrEqual(firstViewBudget.onTheWire + allowance);
});

/**
 * The privacy policy's first view as the deployment serves it: Chromium over HTTPS (HTTP/2) to
 * Debian's nginx with the shipped configuration, which sends the build's brotli copies
 * (`brotli_static`). The same budget as from the Node server (budgets.spec.ts): HTTP/2
 * compresses the headers, so through nginx it is the lighter of the two.
 */
import { firstView, firstViewBudget } from '../../scripts/bench/first-view.ts';
import { expect, test } from './support/test.ts';

test('through nginx, the privacy policy first view is within the on-the-wire budget, in two requests', async ({
  page,
}) => {
  const view = await firstView(page, '/privacy-policy/');
  expect(view.requests, view.parts.join('\n')).toBe(2);
  // The page and its stylesheet both come compressed with brotli, from the build's copies.
  expect(
    view.parts.every((part) => part.endsWith('(br)')),
    view.parts.join('\n'),
  ).toBe(true);
  expect(view.total, view.parts.join('\n')).toBeLessThanOrEqual(firstViewBudget.onTheWire);
});

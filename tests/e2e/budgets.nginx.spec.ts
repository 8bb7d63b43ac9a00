/**
 * The privacy policy's first view as the deployment serves it: Chromium over HTTPS (HTTP/2) to
 * Debian's nginx with the shipped configuration, which sends the build's brotli copy
 * (`brotli_static`). The same budget as from the Node server (budgets.spec.ts): 7,982 B now,
 * HPACK-compressed headers and frames included (8,670 B with the stylesheet as a file).
 */
import { firstView, firstViewBudget, textAllowance } from '../../scripts/bench/first-view.ts';
import { expect, test } from './support/test.ts';

test('through nginx, the privacy policy first view is within the on-the-wire budget, in one request, styled', async ({
  page,
}) => {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) refused.push(message.text());
  });
  const view = await firstView(page, '/privacy-policy/');
  expect(view.requests, view.parts.join('\n')).toBe(1);
  // nginx's CSP (the build's static.conf) admits the page's inline stylesheet: it applies.
  expect(refused).toEqual([]);
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toBe('system-ui, sans-serif');
  // The page comes compressed with brotli, from the build's copy.
  expect(
    view.parts.every((part) => part.endsWith('(br)')),
    view.parts.join('\n'),
  ).toBe(true);
  const allowance = await textAllowance(page, 'privacy-policy');
  expect(view.total, view.parts.join('\n')).toBeLessThanOrEqual(firstViewBudget.onTheWire + allowance.brotli);
});

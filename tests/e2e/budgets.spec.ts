/**
 * The page-weight budgets, by byte count (never by timing): the privacy policy's first view is
 * at most 8 KB on the wire in Chromium, headers included, and at most 10 KB gzip for a client
 * without brotli (scripts/bench/first-view.ts `firstViewBudget`; a later, longer text adds only
 * what its own words add: `textAllowance`, tried by budgets.fixtures.spec.ts). One request: the page, precompressed with brotli,
 * carries its stylesheet (allowed by the CSP by its hash) and its icon, and the full header set
 * comes once. 8,153 B now from this server (7,392 B page, 761 B headers); it was 9,944 B in two
 * requests with the stylesheet as a file and the files' descriptions and checksums on the page,
 * 15.9 KB in 5 requests before that. Through nginx (HTTP/2): budgets.nginx.spec.ts. That reading
 * pages load no JavaScript is checked on every page of each build by pages.builds.spec.ts; that
 * they carry one stylesheet, by stylesheets.builds.spec.ts.
 */
import type { Page } from '@playwright/test';
import { firstView, firstViewBudget, textAllowance } from '../../scripts/bench/first-view.ts';
import { rawGet } from './support/http.ts';
import { expect, test } from './support/test.ts';

/** URLs the browser requests to show a page (document, CSS, JS, icons, fonts). */
async function firstViewRequests(page: Page, url: string): Promise<string[]> {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  const response = await page.goto(url, { waitUntil: 'networkidle' });
  // A missing page would weigh nothing and load no script: only a page that is there counts.
  expect(response?.status(), url).toBe(200);
  return [...new Set(urls)];
}

test('the privacy policy first view is at most 10 KB gzip, everything included', async ({ page }) => {
  const urls = await firstViewRequests(page, '/privacy-policy/');
  let total = 0;
  const parts: string[] = [];
  for (const url of urls) {
    const response = await rawGet(url, { 'Accept-Encoding': 'gzip' });
    total += response.body.length;
    parts.push(
      `${new URL(url).pathname} ${response.body.length} B (${response.headers['content-encoding'] ?? 'identity'})`,
    );
  }
  expect(urls, 'the page carries its stylesheet and its icon').toHaveLength(1);
  const allowance = await textAllowance(page, 'privacy-policy');
  expect(total, parts.join('\n')).toBeLessThanOrEqual(firstViewBudget.gzip + allowance.gzip);
});

test('the privacy policy first view is at most 8 KB transferred in Chromium, headers included', async ({ page }) => {
  const view = await firstView(page, '/privacy-policy/');
  // The page alone: its stylesheet and its icon are in it, the full header set comes once.
  expect(view.requests, view.parts.join('\n')).toBe(1);
  const allowance = await textAllowance(page, 'privacy-policy');
  expect(view.total, view.parts.join('\n')).toBeLessThanOrEqual(firstViewBudget.onTheWire + allowance.brotli);
});

/**
 * Every page the build emits: axe-clean in light and dark schemes, no cookies, no request to
 * any other origin. Pages are discovered from the build output, so a new page is covered at once.
 */
import { axeViolations } from './support/axe.ts';
import { expect, test } from './support/test.ts';

test('the build emits the pages we expect (so the loops below are not vacuous)', ({ pages }) => {
  expect(pages).toEqual(
    expect.arrayContaining([
      '/',
      '/privacy-policy/',
      '/privacy-policy/2024-04-25/',
      '/california-privacy-notice/',
      '/california-privacy-notice/2024-04-25/',
      '/accessibility/',
      '/404.html',
    ]),
  );
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no violations on any page (${scheme} scheme)`, async ({ page, pages }) => {
    test.setTimeout(30_000 + pages.length * 10_000);
    await page.emulateMedia({ colorScheme: scheme });
    const failures: string[] = [];
    for (const url of pages) {
      await page.goto(url);
      for (const violation of await axeViolations(page)) failures.push(`${url}: ${violation}`);
    }
    expect(failures).toEqual([]);
  });
}

test('no page sets a cookie or requests another origin', async ({ page, pages, baseURL, context }) => {
  test.setTimeout(30_000 + pages.length * 5_000);
  const origin = new URL(baseURL ?? '').origin;
  const foreign: string[] = [];
  const cookieHeaders: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.origin !== origin) foreign.push(`${page.url()} → ${request.url()}`);
  });
  page.on('response', async (response) => {
    const setCookie = await response.headerValue('set-cookie');
    if (setCookie) cookieHeaders.push(`${response.url()}: ${setCookie}`);
  });
  for (const url of pages) {
    await page.goto(url, { waitUntil: 'networkidle' });
  }
  expect(foreign).toEqual([]);
  expect(cookieHeaders).toEqual([]);
  expect(await context.cookies()).toEqual([]);
});

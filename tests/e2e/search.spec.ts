/**
 * Search across the policies (shipped content): section-precise results, the live region, the
 * keyboard path, axe in every state, nothing loaded before use, and the no-JavaScript fallback.
 */
import path from 'node:path';
import { contentSecurityPolicy } from '../../src/lib/server/headers.ts';
import { builtStyleHashes } from '../../src/lib/server/inline-styles.ts';
import { fileRepository } from '../../src/lib/versions/files.ts';
import { axeViolations } from './support/axe.ts';
import {
  announcements,
  headerSearch,
  indexedPages,
  indexedText,
  pagefindMatches,
  recordAnnouncements,
  searchBox,
  tabTo,
  words,
} from './support/search.ts';
import { expect, test } from './support/test.ts';
import { policyText } from './support/policy-text.ts';

const summary = (query: string) => new RegExp(`^\\d+ results? for “${query}”$`);

// What the shipped content holds today: each policy's current page, and every past version once
// legal has published more than one (upcoming versions are not searched).
const shipped = fileRepository({ contentDir: 'content/policies', previewDrafts: false });
const expectedIndex = shipped.policies
  .flatMap((policy) => [
    `${policy.url} current`,
    ...policy.versions.filter((v) => !v.isCurrent && !v.isUpcoming).map((v) => `${v.url} archived`),
  ])
  .sort();
const hasPast = expectedIndex.some((entry) => entry.endsWith(' archived'));

test('the index holds the policy text of each current version, once, and nothing else', async ({ page }) => {
  await page.goto('/search/');
  expect(await indexedPages(page)).toEqual(expectedIndex);
  const indexed = await indexedText(page);
  for (const url of ['/privacy-policy/', '/california-privacy-notice/']) {
    await page.goto(url);
    // Word for word the policy text: no title, dates, contents list, navigation or footer.
    expect(words(indexed[url] ?? '')).toEqual(words(await policyText(page)));
  }
  for (const chrome of ['skip', 'feed']) expect(await pagefindMatches(page, chrome), chrome).toBe(0);
  // Stemming as Pagefind gives it: "cookie" finds the pages "cookies" finds, both policies at least.
  expect(await pagefindMatches(page, 'cookie')).toBe(await pagefindMatches(page, 'cookies'));
  expect(await pagefindMatches(page, 'cookie')).toBeGreaterThanOrEqual(2);
});

test('“cookies” finds the Cookies section of both policies, and each link lands on it', async ({ page }) => {
  await page.goto('/search/');
  const search = searchBox(page);
  await search.field.fill('cookies');
  await expect(search.status).toHaveText(summary('cookies'));
  const privacy = search.root.getByRole('link', { name: 'AllWork Privacy Policy › Cookies', exact: true });
  const california = search.root.getByRole('link', {
    name: 'AllWork Privacy Notice for California Residents › Cookies',
    exact: true,
  });
  await expect(privacy).toHaveAttribute('href', '/privacy-policy/#cookies');
  await expect(california).toHaveAttribute('href', '/california-privacy-notice/#cookies');
  // The match is marked in the excerpt.
  const excerpt = search.results.locator('li').filter({ hasText: 'AllWork Privacy Policy › Cookies' }).locator('p');
  await expect(excerpt.locator('mark').first()).toHaveText(/^cookies\.?$/i);

  for (const [link, path] of [
    [privacy, '/privacy-policy/'],
    [california, '/california-privacy-notice/'],
  ] as const) {
    await page.goto('/search/?q=cookies');
    await link.click();
    await expect(page).toHaveURL(`${path}#cookies`);
    const target = page.locator('#policy-text :target');
    await expect(target).toHaveText('Cookies');
    await expect(target).toBeInViewport();
  }
});

test('“authorized agent” finds the California notice’s Authorized Agents', async ({ page }) => {
  await page.goto('/search/?q=authorized+agent');
  const search = searchBox(page);
  await expect(search.field).toHaveValue('authorized agent');
  // With JavaScript the page searches, so its no-JavaScript fallback is gone.
  await expect(page.getByText('Search needs JavaScript')).toBeHidden();
  const first = search.links.first();
  await expect(first).toHaveAccessibleName('AllWork Privacy Notice for California Residents › Authorized Agents');
  await expect(first).toHaveAttribute('href', '/california-privacy-notice/#authorized-agents');
});

test('a query with no match says so, and offers past versions only where there are some', async ({ page }) => {
  await page.goto('/search/');
  const search = searchBox(page);
  await expect(search.past).toHaveCount(hasPast ? 1 : 0);
  await search.field.fill('xylophone');
  await expect(search.status).toHaveText(
    hasPast
      ? 'No results for “xylophone” in the current versions. Check the spelling, try other words, or include past versions.'
      : 'No results for “xylophone”. Check the spelling or try other words.',
  );
  await expect(search.results).toBeHidden();
  await expect(search.links).toHaveCount(0);
});

test('a made-up word that starts like an indexed one finds nothing, though Pagefind offers that word', async ({
  page,
}) => {
  await page.goto('/search/');
  // What Pagefind itself answers: the longest indexed word the query starts with (its issue #793).
  expect(await pagefindMatches(page, 'nondiscriminationzz')).toBeGreaterThan(0);
  const search = searchBox(page);
  await search.field.fill('nondiscriminationzz');
  await expect(search.status).toHaveText(/^No results for “nondiscriminationzz”( in the current versions)?\./);
  await expect(search.links).toHaveCount(0);
  // The start of a word being typed still finds it.
  await search.field.fill('authorized ag');
  await expect(search.status).toHaveText(summary('authorized ag'));
});

test('/search/ does not move while it loads, empty or with a query (layout shift 0)', async ({ page }) => {
  for (const url of ['/search/', '/search/?q=cookies']) {
    await page.addInitScript(() => {
      const shifts: number[] = [];
      Object.assign(window, { layoutShifts: shifts });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
          if (!entry.hadRecentInput) shifts.push(entry.value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    if (url.includes('?q=')) await expect(searchBox(page).links.first()).toBeVisible();
    // Layout-shift entries are reported after the frame that caused them.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))));
    expect(await page.evaluate(() => (window as unknown as { layoutShifts: number[] }).layoutShifts), url).toEqual([]);
  }
});

test('a query is announced once: searching the same words again says nothing new', async ({ page }) => {
  await page.goto('/search/');
  const search = searchBox(page);
  await recordAnnouncements(page);
  await search.field.fill('cookies');
  await expect(search.status).toHaveText(summary('cookies'));
  await search.field.press('Enter');
  await search.field.press('Enter');
  await page.waitForTimeout(1500);
  expect(await announcements(page)).toHaveLength(1);
});

test('the live region speaks once typing pauses, not on every keystroke', async ({ page }) => {
  await page.goto('/search/');
  const search = searchBox(page);
  await expect(search.status).toHaveAttribute('role', 'status');
  await recordAnnouncements(page);
  // Slow typing: results refresh between keystrokes, yet nothing is announced until the pause.
  await search.field.pressSequentially('cookies', { delay: 350 });
  await expect(search.status).toHaveText(summary('cookies'));
  await page.waitForTimeout(1500);
  const said = await announcements(page);
  expect(said).toHaveLength(1);
  expect(said[0]).toMatch(summary('cookies'));
});

test('keyboard only: header field, Enter, then Tab into the results and Enter opens one', async ({ page }) => {
  await page.goto('/privacy-policy/');
  await tabTo(page, headerSearch(page));
  await page.keyboard.type('authorized agent');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/search/?q=authorized+agent');
  const search = searchBox(page);
  await expect(search.status).toHaveText(summary('authorized agent'));
  await expect(page).toHaveTitle(/^“authorized agent” – Search/);
  // From the top: the skip link leads into main, where the field comes first.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(search.field).toBeFocused();
  // Tab selects the field's text; End keeps it and adds to it.
  await page.keyboard.press('End');
  await page.keyboard.type(' rights');
  await expect(search.status).toHaveText(summary('authorized agent rights'));
  await page.keyboard.press('Tab');
  await expect(search.root.getByRole('button', { name: 'Search' })).toBeFocused();
  // Then "Include past versions", when legal has published more than one version, then the results.
  await page.keyboard.press('Tab');
  if (hasPast) {
    await expect(search.past).toBeFocused();
    await page.keyboard.press('Tab');
  }
  const first = search.links.first();
  await expect(first).toBeFocused();
  await expect(first).toHaveAccessibleName('AllWork Privacy Notice for California Residents › Authorized Agents');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/california-privacy-notice\/#authorized-agents$/);
  await expect(page.locator('#authorized-agents')).toBeInViewport();
});

test('Escape clears the search and puts focus back in the field, from the field or a result', async ({ page }) => {
  await page.goto('/search/');
  const search = searchBox(page);
  await search.field.fill('cookies');
  await expect(search.links.first()).toBeVisible();
  await search.links.first().focus();
  await page.keyboard.press('Escape');
  await expect(search.field).toBeFocused();
  await expect(search.field).toHaveValue('');
  await expect(search.results).toBeHidden();
  await expect(search.status).toHaveText('');

  await page.keyboard.type('security');
  await expect(search.status).toHaveText(summary('security'));
  await page.keyboard.press('Escape');
  await expect(search.field).toBeFocused();
  await expect(search.field).toHaveValue('');
  await expect(search.links).toHaveCount(0);
  await expect(page).toHaveURL('/search/');
});

test('Enter in the header form opens the /search/ page with the query in its address', async ({ page }) => {
  await page.goto('/california-privacy-notice/');
  await headerSearch(page).fill('cookies');
  await headerSearch(page).press('Enter');
  await expect(page).toHaveURL('/search/?q=cookies');
  const results = searchBox(page);
  await expect(results.field).toHaveValue('cookies');
  await expect(results.status).toHaveText(summary('cookies'));
});

test('the /search/ address follows the query, so a search can be linked and reloaded', async ({ page }) => {
  await page.goto('/search/?q=cookies');
  const search = searchBox(page);
  await expect(search.status).toHaveText(summary('cookies'));
  await search.field.fill('authorized agent');
  await expect(page).toHaveURL('/search/?q=authorized+agent');
  await page.reload();
  await expect(searchBox(page).field).toHaveValue('authorized agent');
  await expect(searchBox(page).links.first()).toHaveAttribute('href', '/california-privacy-notice/#authorized-agents');
});

test('no request to /pagefind/ until a search is made: not while reading, not on the empty search page', async ({
  page,
}) => {
  const requested: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/pagefind/')) requested.push(request.url());
  });
  for (const url of ['/', '/privacy-policy/', '/privacy-policy/2024-04-25/', '/california-privacy-notice/']) {
    await page.goto(url, { waitUntil: 'networkidle' });
    // Tabbing to the header field and typing into it load nothing: it is a plain form.
    await tabTo(page, headerSearch(page));
    await page.keyboard.type('cookies');
    await page.waitForLoadState('networkidle');
  }
  await page.goto('/search/', { waitUntil: 'networkidle' });
  await tabTo(page, searchBox(page).field);
  await page.keyboard.press('Tab');
  expect(requested).toEqual([]);
  // The first keystroke in the search page's field loads Pagefind, then the index.
  const loaded = page.waitForRequest((request) => request.url().endsWith('/pagefind/pagefind.js'));
  await searchBox(page).field.pressSequentially('co');
  await loaded;
  await expect(searchBox(page).status).toHaveText(summary('co'));
});

// axe with results shown and with none, light and dark: pages.builds.spec.ts.
test('results reflow at 320 px and stay usable in forced colours', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.emulateMedia({ forcedColors: 'active' });
  await page.goto('/search/?q=information');
  await expect(searchBox(page).links.first()).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  expect(await axeViolations(page)).toEqual([]);
});

test('without JavaScript the header form leads to /search/, which offers both tables of contents', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: baseURL ?? '' });
  const page = await context.newPage();
  await page.goto('/privacy-policy/');
  const field = page.getByRole('searchbox', { name: 'Search the policies' });
  await field.fill('cookies');
  await field.press('Enter');
  await expect(page).toHaveURL('/search/?q=cookies');
  await expect(page.getByText('Search needs JavaScript')).toBeVisible();
  // The search form would do nothing here, so it is not shown.
  await expect(page.getByRole('searchbox')).toHaveCount(0);
  for (const [title, href] of [
    ['AllWork Privacy Policy', '/privacy-policy/'],
    ['AllWork Privacy Notice for California Residents', '/california-privacy-notice/'],
  ] as const) {
    const contents = page.getByRole('navigation', { name: title });
    await expect(contents.getByRole('link', { name: 'Cookies' })).toHaveAttribute('href', `${href}#cookies`);
  }
  await page
    .getByRole('navigation', { name: 'AllWork Privacy Notice for California Residents' })
    .getByRole('link', { name: 'Authorized Agents' })
    .click();
  await expect(page).toHaveURL('/california-privacy-notice/#authorized-agents');
  await context.close();
});

/** The policy the build's server sends: ours, with the hashes of the build's inline styles. */
const servedPolicy = async (distDir: string) =>
  contentSecurityPolicy(await builtStyleHashes(path.join(distDir, 'client')));

test('search works under the Content-Security-Policy the server sends', async ({ page, distDir }) => {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) refused.push(message.text());
  });
  const response = await page.goto('/search/');
  const served = (await response?.headerValue('content-security-policy')) ?? '';
  expect(served).toBe(await servedPolicy(distDir));
  expect(served).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await searchBox(page).field.fill('cookies');
  await expect(searchBox(page).links.first()).toHaveAttribute('href', /#cookies$/);
  expect(refused).toEqual([]);
});

test("without 'wasm-unsafe-eval' in the policy, search says it is unavailable and keeps focus", async ({
  page,
  context,
  distDir,
}) => {
  // Pagefind compiles WebAssembly (in a worker from /pagefind/): this is why script-src allows it.
  const policy = await servedPolicy(distDir);
  const withoutWasm = policy.replace(" 'wasm-unsafe-eval'", '');
  expect(withoutWasm).not.toBe(policy);
  await context.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': withoutWasm } });
  });
  await page.goto('/search/');
  const search = searchBox(page);
  await search.field.fill('cookies');
  await expect(search.status).toHaveText(/^Search is not available right now\./);
  await expect(search.field).toBeFocused();
  // Index files may still be on their way when the test ends; their handlers must not fail it.
  await context.unrouteAll({ behavior: 'ignoreErrors' });
});

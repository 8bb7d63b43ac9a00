/**
 * Version history on the fixture build (three versions of each policy, built as of 2026-01-01):
 * the history table, the archived banner, the links between versions and their changes, the
 * fingerprint of each text, and axe with JavaScript off and in forced colours (JavaScript on,
 * light and dark, and "no JavaScript on reading pages": pages.builds.spec.ts).
 */
import { createHash } from 'node:crypto';
import { axeViolations } from './support/axe.ts';
import { expect, test } from './support/test.ts';

/** A sample of every kind of page, for the states that are the same on every page of a kind. */
const samplePages = [
  '/privacy-policy/versions/',
  '/privacy-policy/2025-01-15/',
  '/privacy-policy/2025-01-15/changes/',
  '/privacy-policy/2025-01-15/changes/full/',
  '/privacy-policy/compare/',
  '/privacy-policy/compare/?from=2024-04-25&to=2025-09-01',
  '/privacy-policy/compare/go/?date=2020-01-01',
];

/** The sample pages that run a script: the only ones JavaScript being off changes. */
const scriptedPages = samplePages.filter((url) => /\/compare\/(\?|$)/.test(url));

/**
 * With JavaScript on, in the light and the dark scheme, every page and comparison is checked by
 * pages.builds.spec.ts; these are the states that differ. A reading page with JavaScript off is
 * the page pages.builds.spec.ts checks: it asserts that those pages load no script at all.
 */
const states = [
  // axe itself needs JavaScript, so "off" is emulated by refusing every script the site serves
  // (the CSP allows no inline script, so that is all of them).
  { name: 'JavaScript off', urls: scriptedPages, javaScript: false, forcedColors: false },
  { name: 'forced colours', urls: samplePages, javaScript: true, forcedColors: true },
] as const;

for (const state of states) {
  test.describe(`axe (${state.name})`, () => {
    for (const url of state.urls) {
      test(url, async ({ page }) => {
        if (state.forcedColors) await page.emulateMedia({ forcedColors: 'active' });
        if (!state.javaScript) await page.route('**/*.js', (route) => route.abort());
        await page.goto(url, { waitUntil: 'networkidle' });
        const rendersComparison = url.includes('/compare/?from=');
        if (rendersComparison && state.javaScript) await expect(page.locator('.diff')).toBeVisible();
        if (rendersComparison && !state.javaScript) await expect(page.locator('.diff')).toHaveCount(0);
        expect(await axeViolations(page)).toEqual([]);
      });
    }
  });
}

test('axe: the compare page with its error summary shown by the script', async ({ page }) => {
  await page.goto('/privacy-policy/compare/');
  await page.getByLabel('To (the newer version)').selectOption('2024-04-25');
  await page.getByLabel('From (the older version)').selectOption('2024-04-25');
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test('the history table lists every version, newest first, with caption, headers and links', async ({ page }) => {
  await page.goto('/privacy-policy/versions/');
  const table = page.locator('table.history-table');
  await expect(table.locator('caption')).toHaveText('Versions of the AllWork Privacy Policy, newest first');
  await expect(table.locator('thead th')).toHaveText([
    'Version',
    'Last modified',
    'Effective',
    'Change',
    'Summary',
    'Links',
  ]);
  await expect(table.locator('tbody th[scope="row"]')).toHaveText(['2025-09-01 (current)', '2025-01-15', '2024-04-25']);
  // Each cell after its column's name (shown on narrow screens, hidden from screen readers).
  await expect(table.locator('tbody tr td:nth-child(4)')).toHaveText([
    /Editorial\s*$/,
    /Substantive\s*$/,
    /First version\s*$/,
  ]);
  await expect(table.locator('tbody tr').nth(2)).toContainText('This is the first published version.');
  await expect(table.locator('tbody tr').nth(1)).toContainText('We now say how quickly we notify you');
  const links = await table
    .locator('tbody tr')
    .nth(1)
    .locator('a')
    .evaluateAll((as) => as.map((a) => `${a.textContent.trim()} ${a.getAttribute('href') ?? ''}`));
  expect(links.slice(0, 2)).toEqual([
    'Read version 2025-01-15 /privacy-policy/2025-01-15/',
    'Changes in version 2025-01-15 /privacy-policy/2025-01-15/changes/',
  ]);
  // The first version has nothing to compare with.
  await expect(table.locator('tbody tr').nth(2).locator('a', { hasText: 'Changes' })).toHaveCount(0);
  // The per-policy feed is announced to feed readers and linked for people.
  await expect(page.locator('link[rel="alternate"][href="/privacy-policy/feed.xml"]')).toHaveCount(1);
  await expect(page.locator('main a[href="/privacy-policy/feed.xml"]')).toBeVisible();
});

test('an archived version says so in a labelled region under its title, with its dates and the current one', async ({
  page,
}) => {
  await page.goto('/privacy-policy/2025-01-15/');
  const banner = page.getByRole('region', { name: 'Archived version' });
  await expect(banner).toBeVisible();
  // This version has no key points: nothing in their place.
  await expect(page.getByRole('region', { name: 'Key points' })).toHaveCount(0);
  await expect(banner).toContainText('This is an archived version, in force from January 15, 2025 to August 31, 2025.');
  await expect(banner.getByRole('link', { name: /Read the current version/ })).toHaveAttribute(
    'href',
    '/privacy-policy/',
  );
  // The banner comes right after the title: heading navigation starts at the h1, and the next
  // thing read says that this version is archived.
  expect(await page.evaluate(() => document.querySelector('h1')?.nextElementSibling?.className)).toBe('version-banner');
  await expect(page.getByRole('link', { name: 'What changed in this version' })).toHaveAttribute(
    'href',
    '/privacy-policy/2025-01-15/changes/',
  );
});

test('the current version has no banner, its key points above the text, and links to its history and its changes', async ({
  page,
}) => {
  for (const url of ['/privacy-policy/', '/privacy-policy/2025-09-01/']) {
    await page.goto(url);
    await expect(page.locator('.version-banner')).toHaveCount(0);
    // Legal's key points (fixtures only): a region named by its heading, labelled as not the
    // policy, before the contents and outside the text. axe runs on both pages in pages.builds.spec.ts.
    const keyPoints = page.getByRole('region', { name: 'Key points' });
    await expect(keyPoints.getByRole('heading', { level: 2, name: 'Key points' })).toBeVisible();
    await expect(keyPoints.getByText('This summary does not replace the policy.')).toBeVisible();
    await expect(keyPoints.getByRole('listitem')).toHaveCount(3);
    await expect(keyPoints.getByRole('listitem').last()).toHaveText(
      'You choose: update your profile at any time, reject cookies, and opt out of promotional emails.',
    );
    expect(
      await keyPoints.evaluate((region) => {
        const text = document.getElementById('policy-text');
        const contents = document.getElementById('toc-heading');
        const before = (other: Element | null) =>
          other !== null && (region.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
        return { outsideText: !text?.contains(region), beforeContents: before(contents), beforeText: before(text) };
      }),
    ).toEqual({ outsideText: true, beforeContents: true, beforeText: true });
    await expect(page.getByRole('link', { name: 'All versions' }).first()).toHaveAttribute(
      'href',
      '/privacy-policy/versions/',
    );
    await expect(page.getByRole('link', { name: 'What changed in this version' })).toHaveAttribute(
      'href',
      '/privacy-policy/2025-09-01/changes/',
    );
  }
});

test('the first version says it is the first, and has no changes page', async ({ page, request }) => {
  await page.goto('/privacy-policy/2024-04-25/');
  await expect(page.locator('.version-links')).toContainText('This is the first published version.');
  await expect(page.getByRole('link', { name: 'What changed in this version' })).toHaveCount(0);
  expect((await request.get('/privacy-policy/2024-04-25/changes/')).status()).toBe(404);
});

test('the SHA-256 on each version page is that of its canonical text, and the one in versions.json', async ({
  page,
  request,
}) => {
  const index = (await (await request.get('/versions.json')).json()) as {
    policies: { id: string; versions: { version: string; sha256: string; textUrl: string }[] }[];
  };
  let checked = 0;
  for (const policy of index.policies) {
    for (const version of policy.versions) {
      await page.goto(`/${policy.id}/${version.version}/`);
      const shown = (await page.locator('.version-facts .hash').textContent())?.trim();
      const text = await (await request.get(new URL(version.textUrl).pathname)).body();
      const actual = createHash('sha256').update(text).digest('hex');
      expect(shown).toBe(version.sha256);
      expect(actual).toBe(version.sha256);
      checked++;
    }
  }
  expect(checked).toBe(6);
});

test('history, archived, changes and compare pages reflow at 320 px', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const url of [
    '/privacy-policy/versions/',
    '/privacy-policy/2025-01-15/',
    '/privacy-policy/2025-01-15/changes/',
    '/privacy-policy/2025-01-15/changes/full/',
    '/privacy-policy/compare/?from=2024-04-25&to=2025-09-01',
  ]) {
    await page.goto(url);
    if (url.includes('?from=')) await expect(page.locator('.diff')).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, url).toBeLessThanOrEqual(0);
  }
});

test('at 320 px the versions table is one block per version: no scroll region, still a table to screen readers', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/privacy-policy/versions/');
  const table = page.locator('table.history-table');
  // Nothing scrolls sideways, and nothing in the page is a scroll container.
  const scrollers = await page
    .locator('main *')
    .evaluateAll((elements) =>
      elements
        .filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
        .map((el) => el.outerHTML.slice(0, 80)),
    );
  expect(scrollers).toEqual([]);
  await expect(page.locator('main [tabindex="0"]')).toHaveCount(0);
  // One block per version, each as wide as the page, each value after its column's name.
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(3);
  const main = await page.locator('main').evaluate((el) => el.clientWidth);
  for (const box of await rows.evaluateAll((found) => found.map((tr) => tr.getBoundingClientRect().width)))
    expect(box).toBeLessThanOrEqual(main);
  const first = rows.first();
  await expect(first.locator('.cell-label')).toHaveText(['Last modified', 'Effective', 'Change', 'Summary']);
  await expect(first.locator('.cell-label').first()).toBeVisible();
  // Chromium's own accessibility tree (not a re-computation): the blocks are still a table.
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { role?: { value?: string } }[] };
  const count = (role: string) => nodes.filter((node) => node.role?.value === role).length;
  expect(count('table')).toBe(1);
  expect(count('columnheader')).toBe(6);
  expect(count('rowheader')).toBe(3);
  expect(count('cell')).toBe(15);
});

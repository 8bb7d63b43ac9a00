/**
 * Helpers for the search tests: the search UI's parts, Pagefind's own view of the index, and a
 * recorder for what the live region says.
 */
import type { Locator, Page } from '@playwright/test';

/** The search box of the /search/ page. */
export function searchBox(page: Page) {
  const root = page.locator('[data-search]:not([hidden])');
  return {
    root,
    field: root.getByRole('searchbox', { name: 'Search the policies' }),
    status: root.getByRole('status'),
    results: root.locator('.search-hits'),
    links: root.locator('.search-hit-link'),
    past: root.getByRole('checkbox', { name: 'Include past versions' }),
  };
}

/** The plain search form in the header of every other page. */
export function headerSearch(page: Page) {
  return page.getByRole('banner').getByRole('searchbox', { name: 'Search the policies' });
}

/** Presses Tab from the top of the page until `target` has focus (fails after `max` presses). */
export async function tabTo(page: Page, target: Locator, max = 20): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((node) => node === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

interface PagefindForTests {
  init(): Promise<void>;
  search(
    term: string | null,
    options?: { filters?: Record<string, unknown> },
  ): Promise<{
    results: { data(): Promise<{ url: string; content: string; filters: Record<string, string[]> }> }[];
  }>;
}

interface IndexedPage {
  url: string;
  content: string;
  status: string;
}

/** Every page in the index, asked of Pagefind itself in the browser. */
async function indexedEntries(page: Page): Promise<IndexedPage[]> {
  return page.evaluate(async () => {
    const bundle: string = '/pagefind/pagefind.js';
    const pagefind = (await import(bundle)) as PagefindForTests;
    await pagefind.init();
    const response = await pagefind.search(null, { filters: { status: { any: ['current', 'archived'] } } });
    const pages = await Promise.all(response.results.map((result) => result.data()));
    return pages.map((data) => ({
      url: data.url,
      content: data.content,
      status: data.filters['status']?.join(',') ?? '',
    }));
  });
}

/** Every page in the index, with its status filter ("url status"), sorted. */
export async function indexedPages(page: Page): Promise<string[]> {
  return (await indexedEntries(page)).map((entry) => `${entry.url} ${entry.status}`).sort();
}

/** The text Pagefind holds for each indexed page, by URL. */
export async function indexedText(page: Page): Promise<Record<string, string>> {
  return Object.fromEntries((await indexedEntries(page)).map((entry) => [entry.url, entry.content]));
}

/** The words of a text, lower-cased, punctuation dropped: how to compare indexed and shown text. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** How many pages Pagefind finds for `term`, ignoring the UI. */
export async function pagefindMatches(page: Page, term: string): Promise<number> {
  return page.evaluate(async (query) => {
    const bundle: string = '/pagefind/pagefind.js';
    const pagefind = (await import(bundle)) as PagefindForTests;
    await pagefind.init();
    return (await pagefind.search(query)).results.length;
  }, term);
}

/** Starts recording every text the search box's live region takes; read it with `announcements`. */
export async function recordAnnouncements(page: Page): Promise<void> {
  await page.evaluate(() => {
    const region = document.querySelector('[data-search]:not([hidden]) [role="status"]');
    if (!region) throw new Error('no live region');
    const said: string[] = [];
    Object.assign(window, { searchAnnouncements: said });
    new MutationObserver(() => said.push(region.textContent)).observe(region, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
}

export async function announcements(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { searchAnnouncements: string[] }).searchAnnouncements);
}

/**
 * `npm run bench:search` (after `npm run build`): the search index's size on disk, the bytes the
 * first query fetches, and the time to first results, in Debian's Chromium against the real
 * server (server/main.ts, with its compression). Every run starts with an empty cache. Bytes are
 * response bodies as sent (gzip where the server compresses), headers not counted.
 *
 *   - typed: on /search/, from the input event of a query typed at once to the first result in
 *     the page (includes the UI's 200 ms pause after typing, and loading Pagefind and the index);
 *   - linked: opening /search/?q=… (what the header form does), from navigation start to the
 *     first result in the page;
 *   - second query: the same, once Pagefind and the index are loaded.
 *
 * Options (environment): BENCH_PORT (4442), RUNS (7), QUERY ("cookies"), OUT_DIR ("dist").
 * Timings are medians; they vary with the machine's load. Not a test: it only reports.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { bodyBytes, launchChromium } from './page-weight.ts';
import { startServer } from './server.ts';

const outDir = process.env.OUT_DIR ?? 'dist';
const port = Number(process.env.BENCH_PORT ?? 4442);
const runs = Number(process.env.RUNS ?? 7);
const query = process.env.QUERY ?? 'cookies';

function sizeOf(dir: string, filter: (file: string) => boolean = () => true): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const stat = statSync(path.join(dir, entry));
    if (stat.isFile() && filter(entry)) {
      files++;
      bytes += stat.size;
    }
  }
  return { files, bytes };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** The /pagefind/ URLs a page requests, in order. */
function recordPagefindRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/pagefind/')) urls.push(request.url());
  });
  return urls;
}

/** What Chromium accepts: the server picks brotli or gzip for it. */
const browserEncodings = 'gzip, deflate, br';

/** Sets the search field to `term` in one input event; resolves with ms until a result link is shown. */
function typeAndTime(page: Page, term: string): Promise<number> {
  return page.evaluate(async (value) => {
    const input = document.querySelector<HTMLInputElement>('[data-search] input[type="search"]')!;
    const list = document.querySelector('[data-search] [data-search-results]')!;
    list.replaceChildren();
    const start = performance.now();
    const shown = new Promise<number>((resolve) => {
      new MutationObserver((_, observer) => {
        if (list.querySelector('a')) {
          observer.disconnect();
          resolve(performance.now() - start);
        }
      }).observe(list, { childList: true, subtree: true });
    });
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return shown;
  }, term);
}

async function bench(browser: Browser, base: string) {
  const typed: number[] = [];
  const linked: number[] = [];
  const second: number[] = [];
  let fetched: { url: string; bytes: number }[] = [];
  for (let run = 0; run < runs; run++) {
    let context = await browser.newContext();
    let page = await context.newPage();
    const requested = recordPagefindRequests(page);
    await page.goto(`${base}/search/`, { waitUntil: 'networkidle' });
    typed.push(await typeAndTime(page, query));
    await page.waitForLoadState('networkidle');
    if (run === 0) {
      fetched = await Promise.all(
        requested.map(async (url) => ({ url: new URL(url).pathname, bytes: await bodyBytes(url, browserEncodings) })),
      );
    }
    second.push(await typeAndTime(page, 'personal information'));
    await context.close();

    context = await browser.newContext();
    page = await context.newPage();
    await page.goto(`${base}/search/?q=${encodeURIComponent(query)}`);
    await page.locator('[data-search-results] a').first().waitFor();
    linked.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  return { typed, linked, second, fetched };
}

async function main(): Promise<void> {
  const bundle = path.join(outDir, 'client', 'pagefind');
  const total = sizeOf(bundle);
  const isIndexData = (file: string) =>
    /^(index|fragment|filter)[/\\]/.test(file) || file.endsWith('.pf_meta') || file === 'pagefind-entry.json';
  const data = sizeOf(bundle, isIndexData);
  const server = await startServer(outDir, port);
  const browser = await launchChromium();
  try {
    const { typed, linked, second, fetched } = await bench(browser, server.url);
    const fetchedBytes = fetched.reduce((sum, request) => sum + request.bytes, 0);
    console.log(
      `Search bench: ${outDir}, query "${query}", ${runs} runs with an empty cache, Chromium ${browser.version()}`,
    );
    console.log(`  index on disk: ${kib(total.bytes)} in ${total.files} files (${bundle})`);
    console.log(`    index data (index chunks, fragments, filters, meta): ${kib(data.bytes)} in ${data.files} files`);
    console.log(`    Pagefind runtime (pagefind.js, worker, WebAssembly): ${kib(total.bytes - data.bytes)}`);
    console.log(`  fetched for the first query: ${kib(fetchedBytes)} in ${fetched.length} requests`);
    for (const request of fetched) console.log(`    ${kib(request.bytes).padStart(10)}  ${request.url}`);
    const line = (label: string, values: number[]) => {
      console.log(
        `  ${label}: median ${median(values).toFixed(0)} ms (${values.map((ms) => ms.toFixed(0)).join(', ')})`,
      );
    };
    line('time to first results, typed on /search/', typed);
    line('time to first results, opening /search/?q= ', linked);
    line('time to results, second query', second);
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();

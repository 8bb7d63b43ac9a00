/**
 * Search bench: index size on disk, bytes fetched for the first query, time to first results.
 *
 *   npm run build && npm run bench:search            (or: npx tsx bench/search.ts [distDir])
 *
 * Serves the built site with the real Node server on BENCH_PORT (default 4442), then, in Debian's
 * Chromium with an empty cache each run, opens /privacy-policy/, types "cookies" into the header
 * search field and measures until the first result is in the page. Timings are medians of RUNS
 * (default 7) runs; they include the UI's 200 ms pause after typing. Not a test: nothing here
 * passes or fails, it only reports.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const distDir = process.argv[2] ?? 'dist';
const port = Number(process.env['BENCH_PORT'] ?? 4442);
const runs = Number(process.env['RUNS'] ?? 7);
const query = process.env['QUERY'] ?? 'cookies';
const origin = `http://127.0.0.1:${port}`;

function sizeOf(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const stat = statSync(path.join(dir, entry));
    if (stat.isFile()) {
      files++;
      bytes += stat.size;
    }
  }
  return { files, bytes };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${origin}/`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server on ${origin} did not start`);
}

async function main(): Promise<void> {
  const bundle = path.join(distDir, 'client', 'pagefind');
  const total = sizeOf(bundle);
  const data = ['index', 'fragment', 'filter'].map((dir) => sizeOf(path.join(bundle, dir)));
  const meta = readdirSync(bundle)
    .filter((file) => file.endsWith('.pf_meta') || file === 'pagefind-entry.json')
    .reduce((sum, file) => sum + statSync(path.join(bundle, file)).size, 0);
  const indexBytes = data.reduce((sum, part) => sum + part.bytes, 0) + meta;

  const server = spawn('node', [path.join(distDir, 'server', 'entry.mjs')], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: 'ignore',
  });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    await waitForServer();
    const firstResults: number[] = [];
    const warmResults: number[] = [];
    let fetched: { url: string; bytes: number }[] = [];
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const requests: Promise<{ url: string; bytes: number }>[] = [];
      page.on('requestfinished', (request) => {
        if (!new URL(request.url()).pathname.startsWith('/pagefind/')) return;
        requests.push(
          (async () => {
            const sizes = await request.sizes();
            // Playwright reports no body size for the worker script; its Content-Length is the bytes sent.
            const length = Number((await request.response())?.headers()['content-length'] ?? NaN);
            const body = Number.isNaN(length) ? sizes.responseBodySize : length;
            return { url: new URL(request.url()).pathname, bytes: body + sizes.responseHeadersSize };
          })(),
        );
      });
      await page.goto(`${origin}/privacy-policy/`, { waitUntil: 'networkidle' });
      const field = page.getByRole('searchbox', { name: 'Search the policies' });
      const measure = (term: string) =>
        page.evaluate(async (value) => {
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
      await field.focus();
      firstResults.push(await measure(query));
      await page.waitForLoadState('networkidle');
      warmResults.push(await measure('personal information'));
      if (run === 0) fetched = await Promise.all(requests);
      await context.close();
    }
    const firstQuery = fetched;
    const fetchedBytes = firstQuery.reduce((sum, request) => sum + request.bytes, 0);
    console.log(`Search bench (${distDir}, query "${query}", ${runs} cold runs, Chromium ${browser.version()})`);
    console.log(`  index on disk: ${kb(total.bytes)} in ${total.files} files (${bundle})`);
    console.log(`    of which index data (index, fragments, filters, meta): ${kb(indexBytes)}`);
    console.log(`    and Pagefind runtime (pagefind.js, worker, WebAssembly): ${kb(total.bytes - indexBytes)}`);
    console.log(`  fetched for the first query: ${kb(fetchedBytes)} in ${firstQuery.length} requests`);
    for (const request of firstQuery) console.log(`    ${kb(request.bytes).padStart(10)}  ${request.url}`);
    console.log(`  time to first results, cold (median): ${median(firstResults).toFixed(0)} ms`);
    console.log(`    runs: ${firstResults.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    console.log(`  time to results, second query (median): ${median(warmResults).toFixed(0)} ms`);
  } finally {
    await browser.close();
    server.kill();
  }
}

await main();

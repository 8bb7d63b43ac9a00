/**
 * Astro integration: builds the Pagefind search index when the build is done, so
 * `npm run build` alone produces the site and its index.
 *
 * It runs in `astro:build:done` because `astro build` empties the output folder first: an index
 * written earlier would be wiped. It indexes the static pages Astro just wrote (`<outDir>/client/`
 * with the Node adapter) and writes the index beside them, at `/pagefind/`.
 *
 * Only elements marked `data-pagefind-body` (the policy text) are indexed; Pagefind then leaves
 * every page without that mark out of the index altogether. A build whose pages are byte for
 * byte those an earlier build indexed copies that build's index instead (search-index-cache.ts).
 */
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { packageVersion } from '../lib/cache/package-version.ts';
import { bundleKey, restoreBundle, searchCacheDir, storeBundle } from './search-index-cache.ts';

/** Where the index is served from; the search UI loads `/pagefind/pagefind.js`. */
export const searchBundleDir = 'pagefind';

/**
 * Never indexed, even inside the policy text: the reading aids (section links, "Back to
 * contents"), visually hidden labels, anything hidden from
 * assistive technology, and diff markup (a removed passage is not part of the text).
 */
export const excludeSelectors = [
  '.reading-aid',
  '.visually-hidden',
  '[aria-hidden="true"]',
  '[hidden]',
  'del',
  'script',
  'style',
];

/**
 * Pagefind writes its ready-made search interfaces too. We build our own on its JS API, so these
 * are never loaded; deleting them keeps unused code off the site.
 */
const unusedBundleFiles = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-highlight.js',
];

function fail(message: string, errors: readonly string[]): never {
  throw new Error(`Search index: ${message}${errors.length ? `\n  ${errors.join('\n  ')}` : ''}`);
}

/** Pages in a written index, from its `pagefind-entry.json` (all languages together). */
export async function indexedPageCount(bundleDir: string): Promise<number> {
  const entry = JSON.parse(await readFile(path.join(bundleDir, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

/** Every HTML file under `siteDir`: [path relative to it, contents]. */
async function htmlPages(siteDir: string): Promise<Array<[string, string]>> {
  const files = (await readdir(siteDir, { recursive: true })).filter((file) => file.endsWith('.html'));
  return Promise.all(
    files.map(async (file): Promise<[string, string]> => [file, await readFile(path.join(siteDir, file), 'utf8')]),
  );
}

const isMarked = (html: string): boolean => /<[^>]+\sdata-pagefind-body[\s=>]/.test(html);

/** HTML files under `siteDir` whose policy text is marked for the index (`data-pagefind-body`). */
export async function markedPages(siteDir: string): Promise<string[]> {
  return (await htmlPages(siteDir))
    .filter(([, html]) => isMarked(html))
    .map(([file]) => file)
    .sort();
}

/** What Pagefind is asked to do, in a form cache keys record. */
const indexOptions = { forceLanguage: 'en', excludeSelectors };

/**
 * Index the HTML under `siteDir` and write the bundle to `siteDir/pagefind/`, or copy the one an
 * earlier build made from the same pages (search-index-cache.ts; `cacheDir` null indexes afresh).
 * Returns the indexed page count.
 */
export async function buildSearchIndex(
  siteDir: string,
  logger?: AstroIntegrationLogger,
  cacheDir: string | null = searchCacheDir(),
): Promise<number> {
  // Pagefind leaves out the pages without data-pagefind-body only when some page has it; if a
  // refactor lost the attribute everywhere, it would index whole pages, navigation and all.
  // So there must be marked pages, and the index must hold exactly those.
  const pages = await htmlPages(siteDir);
  const marked = pages
    .filter(([, html]) => isMarked(html))
    .map(([file]) => file)
    .sort();
  if (marked.length === 0) fail(`no page under ${siteDir} marks its policy text with data-pagefind-body.`, []);
  const outputPath = path.join(siteDir, searchBundleDir);
  const where = path.relative(process.cwd(), outputPath) || outputPath;
  const key = cacheDir === null ? null : bundleKey(pages, packageVersion('pagefind', 'The search index'), indexOptions);
  const holdsMarked = async (): Promise<number> => {
    const indexed = await indexedPageCount(outputPath);
    if (indexed !== marked.length) {
      fail(`the index holds ${indexed} pages, but ${marked.length} are marked with data-pagefind-body:`, marked);
    }
    return indexed;
  };
  if (cacheDir !== null && key !== null && (await restoreBundle(cacheDir, key, outputPath))) {
    const indexed = await holdsMarked();
    logger?.info(
      `the index of the policy text of ${indexed} of ${pages.length} pages, made from the same pages, copied from the cache into ${where}/`,
    );
    return indexed;
  }
  const created = await pagefind.createIndex(indexOptions);
  if (!created.index) fail('Pagefind could not start.', created.errors);
  const { index } = created;
  try {
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length) fail(`reading ${siteDir} failed.`, added.errors);
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) fail(`writing ${outputPath} failed.`, written.errors);
    await Promise.all(unusedBundleFiles.map((file) => rm(path.join(outputPath, file), { force: true })));
    const indexed = await holdsMarked();
    if (cacheDir !== null && key !== null) await storeBundle(cacheDir, key, outputPath);
    logger?.info(`indexed the policy text of ${indexed} of ${added.page_count} pages into ${where}/`);
    return indexed;
  } finally {
    await pagefind.close();
  }
}

/** The integration for astro.config.mjs. */
export function searchIndex(): AstroIntegration {
  return {
    name: 'allwork:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        await buildSearchIndex(fileURLToPath(dir), logger);
      },
    },
  };
}

/**
 * The search index of the last builds, kept under the SHA-256 of the pages it was made from.
 *
 * `astro build` empties the output folder, so every build indexed every page again, and
 * Pagefind's time grows with the versions (2.6 s of a cached build with 100 versions per policy,
 * most of it reading 800 pages) although most builds change no policy text. Pagefind's bundle
 * is a function of the HTML it reads, its own version and our options, so a bundle made from the
 * same bytes with the same Pagefind and options is the one it would write again: this stores each
 * bundle under the hash of exactly those, and a build that finds one copies it rather than
 * indexing. (Pagefind does not write the same bytes twice, so a rebuilt bundle differs in its
 * file names; a copied one is only ever one it wrote for these pages.)
 *
 * Kept in `node_modules/.cache/search-index/` (cleared by `npm ci`); SEARCH_INDEX_CACHE_DIR moves
 * it, `off` disables it. The few most recently used bundles are kept: the bench and the tests
 * build several content folders on one machine.
 */
import { cp, mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { cacheFolder, cacheKey } from '../lib/cache/json-cache.ts';

/** Bundles kept besides the one a build just used or wrote. */
const keep = 4;

/** The cache folder, or null when the cache is off. */
export const searchCacheDir = (): string | null => cacheFolder('search-index', 'SEARCH_INDEX_CACHE_DIR');

/**
 * The key of a bundle: everything Pagefind's output depends on. `pages` are the HTML files it
 * reads, as [path relative to the site, contents], in any order.
 */
export function bundleKey(
  pages: ReadonlyArray<readonly [string, string]>,
  pagefindVersion: string,
  options: unknown,
): string {
  const sorted = [...pages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return cacheKey(pagefindVersion, JSON.stringify(options), ...sorted.flatMap(([file, html]) => [file, html]));
}

/** Copies the bundle stored under `key` to `outputPath`; false when there is none. */
export async function restoreBundle(cacheDir: string, key: string, outputPath: string): Promise<boolean> {
  const stored = path.join(cacheDir, key);
  try {
    const now = new Date();
    await utimes(stored, now, now);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  await cp(stored, outputPath, { recursive: true });
  return true;
}

/**
 * Stores the bundle at `outputPath` under `key`: copied beside, then renamed, so an interrupted
 * build never leaves half a bundle under a key. Then only the most recently used bundles stay.
 */
export async function storeBundle(cacheDir: string, key: string, outputPath: string): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  const temporary = path.join(cacheDir, `${key}.${process.pid}.tmp`);
  await rm(temporary, { recursive: true, force: true });
  await cp(outputPath, temporary, { recursive: true });
  await rm(path.join(cacheDir, key), { recursive: true, force: true });
  await rename(temporary, path.join(cacheDir, key));
  const bundles = await Promise.all(
    (await readdir(cacheDir)).map(async (name) => ({ name, used: (await stat(path.join(cacheDir, name))).mtimeMs })),
  );
  const stale = bundles.sort((a, b) => b.used - a.used).slice(keep + 1);
  await Promise.all(stale.map(({ name }) => rm(path.join(cacheDir, name), { recursive: true, force: true })));
}

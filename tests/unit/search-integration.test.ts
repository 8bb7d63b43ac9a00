/**
 * The build step that writes the search index, run against small sites on disk with the real
 * Pagefind binary: only pages marking their policy text are indexed, and a build that marks
 * nothing fails instead of indexing navigation and footers; an index made from the same pages
 * is copied from the cache rather than made again.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSearchIndex, markedPages } from '../../src/integrations/search-index.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function site(pages: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'search-index-'));
  dirs.push(dir);
  for (const [file, body] of Object.entries(pages)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(
      path.join(dir, file),
      `<!doctype html><html lang="en"><head><title>t</title></head><body>${body}</body></html>`,
    );
  }
  return dir;
}

describe('search index build', () => {
  it('indexes only the pages whose policy text is marked, and none of the ready-made UIs', async () => {
    const dir = site({
      'privacy-policy/index.html':
        '<nav>Menu</nav><div data-pagefind-body><h2 id="cookies">Cookies</h2><p>Text.</p></div>',
      'privacy-policy/versions/index.html': '<h1>History</h1><p>All versions.</p>',
      'index.html': '<h1>Home</h1>',
    });
    expect(await markedPages(dir)).toEqual([path.join('privacy-policy', 'index.html')]);
    expect(await buildSearchIndex(dir, undefined, null)).toBe(1);
    const bundle = readdirSync(path.join(dir, 'pagefind'));
    expect(bundle).toEqual(expect.arrayContaining(['pagefind.js', 'pagefind-worker.js', 'pagefind-entry.json']));
    expect(bundle.filter((file) => file.includes('-ui') || file.includes('highlight'))).toEqual([]);
  });

  it('fails the build when no page marks its policy text', async () => {
    const dir = site({ 'index.html': '<h1>Home</h1>', 'about/index.html': '<p>About</p>' });
    await expect(buildSearchIndex(dir, undefined, null)).rejects.toThrow(
      /no page .* marks its policy text with data-pagefind-body/,
    );
    expect(existsSync(path.join(dir, 'pagefind'))).toBe(false);
  });
});

describe('the index cache', () => {
  const pages = {
    'privacy-policy/index.html': '<div data-pagefind-body><h2 id="cookies">Cookies</h2><p>We use none.</p></div>',
    'index.html': '<h1>Home</h1>',
  };
  const bundleOf = (dir: string): string[] =>
    readdirSync(path.join(dir, 'pagefind'), { recursive: true }).map(String).sort();

  it('copies the index made from the same pages, and indexes again when any page changed', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'search-cache-'));
    dirs.push(cache);
    const first = site(pages);
    expect(await buildSearchIndex(first, undefined, cache)).toBe(1);
    expect(readdirSync(cache)).toHaveLength(1);
    // A file added to the stored index shows that the next build's index is that one, copied.
    const [stored] = readdirSync(cache);
    writeFileSync(path.join(cache, stored!, 'copied'), '');
    const same = site(pages);
    expect(await buildSearchIndex(same, undefined, cache)).toBe(1);
    expect(bundleOf(same)).toEqual([...bundleOf(first), 'copied'].sort());
    expect(readdirSync(cache)).toHaveLength(1);
    // Any page's bytes changed, even one left out of the index: another key, a new index.
    const other = site({ ...pages, 'index.html': '<h1>Home page</h1>' });
    expect(await buildSearchIndex(other, undefined, cache)).toBe(1);
    expect(readdirSync(cache)).toHaveLength(2);
    const edited = site({
      ...pages,
      'privacy-policy/index.html': pages['privacy-policy/index.html'].replace('none', 'few'),
    });
    await buildSearchIndex(edited, undefined, cache);
    expect(bundleOf(other)).not.toContain('copied');
    // Fragments are named by their text: an edited text is indexed afresh.
    const fragments = (dir: string) => bundleOf(dir).filter((file) => file.startsWith('fragment'));
    expect(fragments(edited)).not.toEqual(fragments(first));
    expect(readdirSync(cache)).toHaveLength(3);
  });

  it('keeps the five most recently used indexes', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'search-cache-'));
    dirs.push(cache);
    for (let n = 0; n < 7; n++)
      await buildSearchIndex(site({ ...pages, 'index.html': `<h1>Home ${n}</h1>` }), undefined, cache);
    expect(readdirSync(cache)).toHaveLength(5);
  });
});

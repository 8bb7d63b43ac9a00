/**
 * The build step that writes the search index, run against small sites on disk with the real
 * Pagefind binary: only pages marking their policy text are indexed, and a build that marks
 * nothing fails instead of indexing navigation and footers.
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
    expect(await buildSearchIndex(dir)).toBe(1);
    const bundle = readdirSync(path.join(dir, 'pagefind'));
    expect(bundle).toEqual(expect.arrayContaining(['pagefind.js', 'pagefind-worker.js', 'pagefind-entry.json']));
    expect(bundle.filter((file) => file.includes('-ui') || file.includes('highlight'))).toEqual([]);
  });

  it('fails the build when no page marks its policy text', async () => {
    const dir = site({ 'index.html': '<h1>Home</h1>', 'about/index.html': '<p>About</p>' });
    await expect(buildSearchIndex(dir)).rejects.toThrow(/no page .* marks its policy text with data-pagefind-body/);
    expect(existsSync(path.join(dir, 'pagefind'))).toBe(false);
  });
});

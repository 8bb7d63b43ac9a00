/** Precompressed copies (src/integrations/precompress.ts) and the Accept-Encoding they are sent for. */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { acceptsEncoding } from '../../server/static-files.ts';
import { brotliQuality, precompressFolder } from '../../src/integrations/precompress.ts';

it('writes .br and .gz copies of text files worth it, each decompressing to the file', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'precompress-'));
  try {
    const page = `<!doctype html>${'<p>Privacy matters.</p>'.repeat(100)}`;
    await writeFile(path.join(dir, 'index.html'), page);
    await writeFile(path.join(dir, 'small.css'), 'a{}');
    await writeFile(path.join(dir, 'index.pf_index'), page);
    expect(await precompressFolder(dir, null)).toEqual({ written: 1, reused: 0 });
    expect((await readdir(dir)).sort()).toEqual([
      'index.html',
      'index.html.br',
      'index.html.gz',
      'index.pf_index',
      'small.css',
    ]);
    expect(brotliDecompressSync(await readFile(path.join(dir, 'index.html.br'))).toString()).toBe(page);
    expect(gunzipSync(await readFile(path.join(dir, 'index.html.gz'))).toString()).toBe(page);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it('leaves a folder out when told to (the search bundle, compressed once Pagefind has written it)', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'precompress-'));
  try {
    const text = 'Privacy matters. '.repeat(100);
    await mkdir(path.join(dir, 'pagefind'));
    await mkdir(path.join(dir, 'pagefinder'));
    await writeFile(path.join(dir, 'index.html'), text);
    await writeFile(path.join(dir, 'pagefind', 'pagefind.js'), text);
    await writeFile(path.join(dir, 'pagefinder', 'index.html'), text);
    expect(await precompressFolder(dir, null, { skip: 'pagefind' })).toEqual({ written: 2, reused: 0 });
    expect(await readdir(path.join(dir, 'pagefind'))).toEqual(['pagefind.js']);
    expect((await readdir(path.join(dir, 'pagefinder'))).sort()).toEqual([
      'index.html',
      'index.html.br',
      'index.html.gz',
    ]);
    expect(await precompressFolder(path.join(dir, 'pagefind'), null)).toEqual({ written: 1, reused: 0 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it('reuses the copies of bytes it compressed before, and compresses bytes that changed', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'precompress-'));
  const cacheDir = path.join(dir, 'cache');
  const site = path.join(dir, 'site');
  try {
    const page = `<!doctype html>${'<p>Privacy matters.</p>'.repeat(100)}`;
    const before = `<!doctype html>${'<p>Privacy matters a lot.</p>'.repeat(100)}`;
    const changed = `<!doctype html>${'<p>Privacy matters more.</p>'.repeat(100)}`;
    await mkdir(site);
    await writeFile(path.join(site, 'a.html'), page);
    await writeFile(path.join(site, 'b.html'), before);
    expect(await precompressFolder(site, cacheDir)).toEqual({ written: 2, reused: 0 });
    // As after `astro build`, which empties the output folder: the copies come back from the cache.
    await rm(site, { recursive: true });
    await mkdir(site);
    await writeFile(path.join(site, 'a.html'), page);
    await writeFile(path.join(site, 'b.html'), changed);
    expect(await precompressFolder(site, cacheDir)).toEqual({ written: 2, reused: 1 });
    expect(brotliDecompressSync(await readFile(path.join(site, 'a.html.br'))).toString()).toBe(page);
    expect(gunzipSync(await readFile(path.join(site, 'a.html.gz'))).toString()).toBe(page);
    expect(brotliDecompressSync(await readFile(path.join(site, 'b.html.br'))).toString()).toBe(changed);
    expect(gunzipSync(await readFile(path.join(site, 'b.html.gz'))).toString()).toBe(changed);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it.each([
  ['/privacy-policy/index.html', 11],
  ['/privacy-policy/versions/index.html', 11],
  ['/privacy-policy/compare/index.html', 11],
  ['/privacy-policy/feed.xml', 11],
  ['/versions.json', 11],
  ['/_astro/site.css', 11],
  ['/pagefind/pagefind-entry.json', 11],
  ['/privacy-policy/2024-04-25/index.html', 10],
  ['/privacy-policy/2024-04-25-2/changes/full/index.html', 10],
  ['/california-privacy-notice/2025-09-01/verify/index.html', 10],
  ['/privacy-policy/compare/data/2024-04-25.json', 10],
])('brotli quality for %s: %i (the best for what readers start from, 10 for the archive)', (url, quality) => {
  expect(brotliQuality(url)).toBe(quality);
});

it('compresses each file at the quality of its address on the site, and keys its cache by that quality', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'precompress-'));
  try {
    // Text where brotli 10 and 11 give different bytes, so the test can tell which one ran.
    const page = `<!doctype html>${Array.from({ length: 400 }, (_, i) => `<p id="s${i}">Section ${i * 7919} of the notice.</p>`).join('')}`;
    const best = (q: number): Buffer =>
      brotliCompressSync(Buffer.from(page), {
        params: { [constants.BROTLI_PARAM_QUALITY]: q, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(page) },
      });
    expect(best(10).equals(best(11))).toBe(false);
    const current = path.join(dir, 'privacy-policy');
    const archived = path.join(current, '2024-04-25');
    await mkdir(archived, { recursive: true });
    await writeFile(path.join(current, 'index.html'), page);
    await writeFile(path.join(archived, 'index.html'), page);
    // The same bytes twice, at two qualities: two cache entries, not one reused for both.
    expect(await precompressFolder(dir, path.join(dir, '.cache'), { urlPath: '/', skip: '.cache' })).toEqual({
      written: 2,
      reused: 0,
    });
    expect((await readFile(path.join(current, 'index.html.br'))).equals(best(11))).toBe(true);
    expect((await readFile(path.join(archived, 'index.html.br'))).equals(best(10))).toBe(true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it.each([
  ['gzip, deflate, br, zstd', 'br', true],
  ['gzip', 'br', false],
  ['br;q=0, gzip', 'br', false],
  ['BR;q=0.5', 'br', true],
  ['*', 'gzip', true],
  ['', 'gzip', false],
])('Accept-Encoding %j takes %s: %s', (header, encoding, accepted) => {
  expect(acceptsEncoding(header, encoding)).toBe(accepted);
});

/**
 * The browser's scripts, read from the build: the compare page's diff script stays small and
 * carries no MDX parser (the document model's module is the only one of the document's it may
 * import: src/lib/document/model.ts). A parser once slipped in through a shared import and grew
 * the script from 6 to 127 kB gzip with no test noticing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const assets = path.join(process.env.OUT_DIR ?? 'dist', 'client', '_astro');
const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));

describe('scripts sent to browsers', () => {
  it('the compare page’s diff script is at most 10 KB gzip', () => {
    const compare = scripts.filter((name) => name.startsWith('compare-view.'));
    expect(compare).toHaveLength(1);
    const bytes = readFileSync(path.join(assets, compare[0] as string));
    expect(gzipSync(bytes, { level: 9 }).length).toBeLessThanOrEqual(10 * 1024);
  });

  it('none of them bundles the MDX parser', () => {
    for (const name of scripts) {
      const text = readFileSync(path.join(assets, name), 'utf8');
      expect(text, name).not.toMatch(/micromark|mdxjsEsm|remark-parse/);
    }
  });
});

/**
 * The two stylesheets (src/styles/reading.css and site.css, in Base.astro), over each whole build
 * without a browser: every page has exactly one; the reading pages (home, each policy and each
 * version) carry the reading one in a `<style>` (one request for a first view), every other page
 * links site.css; every page's inline style is allowed by the served CSP's hash; and a reading
 * page uses no class that site.css styles and reading.css does not, so the lighter stylesheet
 * never leaves part of a page unstyled.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inlineStyles, styleHash } from '../../src/lib/server/inline-styles.ts';
import { site } from '../../src/site.config.ts';
import { builds, builtFile, builtPages } from './support/builds.ts';

/** The home page, each policy's current page and each of its versions' pages. */
const readingPage = (url: string): boolean =>
  url === '/' || site.policies.some((p) => new RegExp(`^/${p.id}/(?:\\d{4}-\\d{2}-\\d{2}(?:-\\d+)?/)?$`).test(url));
const stylesheetLinks = (html: string): string[] =>
  [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1] ?? '');
/** The class names a stylesheet has a selector for. */
const styledClasses = (css: string): Set<string> =>
  new Set([...css.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1] ?? ''));

for (const build of builds) {
  test(`[${build.name}] one stylesheet per page; the reading pages' one, inline and allowed, styles all they use`, () => {
    const pages = builtPages(build.distDir);
    const html = (url: string) => readFileSync(builtFile(build.distDir, url), 'utf8');
    const css = (href: string) => readFileSync(path.join(build.distDir, 'client', href), 'utf8');
    // Every rule of the site, from a page that is not a reading page.
    const siteStyled = styledClasses(css(stylesheetLinks(html('/search/'))[0] ?? ''));
    expect(siteStyled.size, 'site.css').toBeGreaterThan(50);
    // The CSP the build's static hosts send (the Node server has the same compiled in: search.spec.ts).
    const served = readFileSync(path.join(build.distDir, 'client/_headers'), 'utf8');
    const styleSrc = /Content-Security-Policy: .*?style-src ([^;\n]*)/.exec(served)?.[1] ?? '';
    const problems: string[] = [];
    let readingPages = 0;
    for (const url of pages) {
      const page = html(url);
      const links = stylesheetLinks(page);
      const styles = inlineStyles(page);
      const isReading = readingPage(url);
      if (links.length + styles.length !== 1) problems.push(`${url}: ${links.length} links, ${styles.length} styles`);
      else if (isReading !== (styles.length === 1))
        problems.push(`${url}: ${isReading ? 'links' : 'inlines'} its styles`);
      for (const style of styles) {
        const hash = `'${styleHash(style)}'`;
        if (!styleSrc.split(' ').includes(hash)) problems.push(`${url}: its <style> is not in style-src (${styleSrc})`);
      }
      if (!isReading || styles.length !== 1) continue;
      readingPages++;
      const used = new Set([...page.matchAll(/class="([^"]+)"/g)].flatMap((m) => (m[1] ?? '').split(/\s+/)));
      const reading = styledClasses(styles[0] ?? '');
      const missing = [...used].filter((name) => siteStyled.has(name) && !reading.has(name));
      if (missing.length) problems.push(`${url}: ${missing.join(', ')} styled only in site.css`);
    }
    // The home page, both policies and a version of each at least.
    expect(readingPages, 'reading pages').toBeGreaterThanOrEqual(5);
    expect(problems).toEqual([]);
  });
}

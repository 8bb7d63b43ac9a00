/**
 * Quality gates over each whole build, without a browser: valid HTML, no broken internal link
 * or anchor (feeds and versions.json included), strict security headers on every response.
 * The in-browser checks of every page are in pages.builds.spec.ts.
 */
import { expect, test } from '@playwright/test';
import { LinkChecker, LinkState } from 'linkinator';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { headerKind } from '../../src/lib/server/headers.ts';
import { site } from '../../src/site.config.ts';
import { brokenFragments, publishedUrls } from '../helpers/built-links.ts';
import { builds, builtFile, builtPages, type Build } from './support/builds.ts';
import { htmlFindings } from './support/html-validation.ts';
import { rawGet } from './support/http.ts';
import { contactForm, onDemandPages, securityHeaderProblems } from './support/security-headers.ts';

/** Every same-site URL the feeds and versions.json publish, rewritten to the test server. */
function publishedUrlsOnServer(build: Build): string[] {
  const client = path.join(build.distDir, 'client');
  const files = readdirSync(client, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('feed.xml') || f.endsWith('versions.json'),
  );
  const urls = files.flatMap((file) => publishedUrls(readFileSync(path.join(client, file), 'utf8'), site.siteUrl));
  return [...new Set(urls)].map((url) => new URL(url.slice(site.siteUrl.length) || '/', build.baseURL).href);
}

for (const build of builds) {
  const pages = builtPages(build.distDir);
  const client = path.join(build.distDir, 'client');

  test.describe(`[${build.name}]`, () => {
    test('the build has the pages the gates run over', () => {
      // Guards every "for each page" check against passing on an empty list.
      expect(pages).toEqual(
        expect.arrayContaining([
          '/',
          '/privacy-policy/',
          '/privacy-policy/2024-04-25/',
          '/california-privacy-notice/',
          '/california-privacy-notice/2024-04-25/',
          '/accessibility/',
          '/search/',
          '/404.html',
        ]),
      );
      expect(pages.length).toBeGreaterThanOrEqual(12);
    });

    test('every built page is valid HTML (html-validate recommended + a11y)', async () => {
      const findings: string[] = [];
      for (const url of pages) {
        findings.push(...(await htmlFindings(url, readFileSync(builtFile(build.distDir, url), 'utf8'))));
      }
      expect(findings).toEqual([]);
    });

    test('no broken internal link, in pages, feeds and versions.json', async () => {
      test.setTimeout(600_000);
      const base = build.baseURL;
      const published = publishedUrlsOnServer(build);
      // Every feed and versions.json entry: both policies' pages at least.
      expect(published.length).toBeGreaterThanOrEqual(6);
      const checker = new LinkChecker();
      const result = await checker.check({
        path: [...pages.map((p) => new URL(p, base).href), ...published],
        recurse: true,
        checkFragments: true,
        concurrency: 8,
        // Only our own pages; mailto: links and the canonical origin are not ours to crawl here.
        linksToSkip: (link) => Promise.resolve(!link.startsWith(base)),
        urlRewriteExpressions: [{ pattern: new RegExp(`^${site.siteUrl.replace(/\./g, '\\.')}`), replacement: base }],
      });
      const broken = result.links
        .filter((link) => link.state === LinkState.BROKEN)
        .map((link) => `${link.url} (${link.status ?? 'no status'}) on ${link.parent ?? 'start'}`)
        // The 404 page is served with status 404 on purpose.
        .filter((line) => !line.startsWith(`${new URL('/404.html', base).href} `));
      expect(broken).toEqual([]);
      const checked = new Set(result.links.map((link) => link.url));
      for (const url of published) expect(checked, `${url} (published) was not checked`).toContain(url);
    });

    test('every #fragment link points to an id on its page', () => {
      // Read from the files: a crawler checks a fragment only if it meets the link before the page.
      const html = new Map(pages.map((url) => [url, readFileSync(builtFile(build.distDir, url), 'utf8')]));
      const { broken, checked } = brokenFragments(html, site.siteUrl);
      expect(broken).toEqual([]);
      // Skip links and tables of contents alone: several per page.
      expect(checked).toBeGreaterThan(pages.length);
    });

    test('the security headers file exists in the build', () => {
      expect(existsSync(path.join(client, '_headers'))).toBe(true);
    });

    test('every file of the build is served with the security headers, and _headers has them too', async () => {
      test.setTimeout(300_000);
      // Every file of the build (assets, formats, feeds, the search index), every page, the
      // contact form's pages, a redirect and a 404. The form's POST: contact-form below.
      const files = readdirSync(client, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => `/${path.relative(client, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')}`);
      const urls = [...new Set([...pages, ...files, ...onDemandPages, '/privacy-policy', '/no-such-page/'])];
      expect(files.length).toBeGreaterThan(pages.length);
      const failures: string[] = [];
      for (const url of urls) {
        const response = await rawGet(new URL(url, build.baseURL).href);
        const referrerPolicy = url === '/contact/' ? contactForm.referrerPolicy : undefined;
        // Documents the full set, assets what they need (headers.ts headerKind).
        const kind = response.status === 200 ? headerKind(new URL(url, build.baseURL).pathname) : 'document';
        for (const problem of securityHeaderProblems(response.headers, referrerPolicy, kind)) {
          failures.push(`${url} (${response.status}): ${problem}`);
        }
      }
      expect(failures).toEqual([]);
      // Static hosts get the same policy from _headers.
      const headersFile = readFileSync(path.join(client, '_headers'), 'utf8');
      const page = await rawGet(new URL('/', build.baseURL).href);
      for (const name of [
        'content-security-policy',
        'permissions-policy',
        'referrer-policy',
        'x-content-type-options',
      ]) {
        expect(headersFile).toContain(`: ${String(page.headers[name])}\n`);
      }
      expect(headersFile).toContain('Strict-Transport-Security: max-age=');
    });
  });
}

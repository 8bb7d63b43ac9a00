/**
 * Quality gates over the whole built site: valid HTML, no broken internal links or anchors
 * (feeds and versions.json included), strict security headers on every response, and no
 * Content-Security-Policy violation in the browser.
 */
import { LinkChecker, LinkState } from 'linkinator';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { site } from '../../src/site.config.ts';
import { brokenFragments, publishedUrls } from '../helpers/built-links.ts';
import { htmlFindings } from './support/html-validation.ts';
import { rawGet, rawRequest, type RawResponse } from './support/http.ts';
import { expect, test } from './support/test.ts';

/** Pages the server renders on demand, so they are not files in the build. */
const onDemandPages = ['/contact/', '/contact/sent/?ref=AW-0000-0000'];

/** An empty contact form posted without JavaScript: the contact page again, with every error. */
const emptyContactPost = (baseURL: string): Promise<RawResponse> =>
  rawRequest(new URL('/api/contact', baseURL).href, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(baseURL).origin },
    body: 'name=&email=&message=',
  });

const builtFile = (distDir: string, url: string): string =>
  path.join(distDir, 'client', url.endsWith('/') ? `${url}index.html` : url);

test('the build has the pages these gates run over', ({ pages }) => {
  // Guards every "for each page" below against passing on an empty list.
  expect(pages).toEqual(expect.arrayContaining(['/', '/privacy-policy/', '/california-privacy-notice/', '/search/']));
  expect(pages.length).toBeGreaterThanOrEqual(12);
});

test('every page is valid HTML (html-validate recommended + a11y), built or rendered on demand', async ({
  pages,
  distDir,
  baseURL,
}) => {
  const base = baseURL ?? '';
  const findings: string[] = [];
  for (const url of pages) findings.push(...(await htmlFindings(url, readFileSync(builtFile(distDir, url), 'utf8'))));
  for (const url of onDemandPages) {
    const response = await fetch(new URL(url, base));
    expect(response.status, url).toBe(200);
    findings.push(...(await htmlFindings(url, await response.text())));
  }
  const errors = await emptyContactPost(base);
  expect(errors.status).toBe(422);
  findings.push(...(await htmlFindings('POST /api/contact (errors)', errors.body.toString('utf8'))));
  expect(findings).toEqual([]);
});

/** Every same-site URL the feeds and versions.json publish, rewritten to the test server. */
function publishedUrlsOnServer(distDir: string, baseURL: string): string[] {
  const client = path.join(distDir, 'client');
  const files = readdirSync(client, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('feed.xml') || f.endsWith('versions.json'),
  );
  const urls = files.flatMap((file) => publishedUrls(readFileSync(path.join(client, file), 'utf8'), site.siteUrl));
  return [...new Set(urls)].map((url) => new URL(url.slice(site.siteUrl.length) || '/', baseURL).href);
}

test('no broken internal link, in pages, feeds and versions.json', async ({ pages, baseURL, distDir }) => {
  test.setTimeout(600_000);
  const base = baseURL ?? '';
  const published = publishedUrlsOnServer(distDir, base);
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

test('every #fragment link points to an id on its page', ({ pages, distDir }) => {
  // Read from the files: a crawler checks a fragment only if it meets the link before the page.
  const html = new Map(pages.map((url) => [url, readFileSync(builtFile(distDir, url), 'utf8')]));
  const { broken, checked } = brokenFragments(html, site.siteUrl);
  expect(broken).toEqual([]);
  // Skip links and tables of contents alone: several per page.
  expect(checked).toBeGreaterThan(pages.length);
});

/**
 * The contact form's page (also as shown again with errors) sends `same-origin`: under
 * `no-referrer` browsers post the form with `Origin: null`, which the origin check must refuse
 * (docs/decisions/0007-contact-outbox.md). Still nothing to any other site.
 */
const formPageReferrerPolicy = 'same-origin';

const requiredHeaders = (
  headers: Record<string, string | string[] | undefined>,
  referrerPolicy = 'no-referrer',
): string[] => {
  const problems: string[] = [];
  const csp = String(headers['content-security-policy'] ?? '');
  const directives = new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  const scriptSrc = directives.get('script-src') ?? directives.get('default-src') ?? [];
  if (scriptSrc.includes("'unsafe-inline'") || scriptSrc.includes("'unsafe-eval'")) problems.push('unsafe script-src');
  if (directives.get('default-src')?.join(' ') !== "'self'") problems.push("default-src is not 'self'");
  if (directives.get('frame-ancestors')?.join(' ') !== "'none'") problems.push("frame-ancestors is not 'none'");
  if (directives.get('form-action')?.join(' ') !== "'self'") problems.push("form-action is not 'self'");
  if (directives.get('base-uri')?.join(' ') !== "'self'") problems.push("base-uri is not 'self'");
  if (headers['x-content-type-options'] !== 'nosniff') problems.push('no nosniff');
  if (headers['referrer-policy'] !== referrerPolicy) problems.push(`referrer-policy is not ${referrerPolicy}`);
  // Every entry denies its feature outright, and the powerful ones are among them.
  const permissions = String(headers['permissions-policy'] ?? '').split(/,\s*/);
  if (!permissions.every((entry) => /^[a-z-]+=\(\)$/.test(entry))) problems.push('permissions-policy allows something');
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'browsing-topics']) {
    if (!permissions.includes(`${feature}=()`)) problems.push(`permissions-policy does not deny ${feature}`);
  }
  // Plain HTTP here: HSTS only over HTTPS (tests/integration/https-headers.test.ts).
  if (headers['strict-transport-security']) problems.push('HSTS over plain HTTP');
  if (headers['set-cookie']) problems.push('sets a cookie');
  return problems;
};

test('every response carries the security headers', async ({ pages, baseURL, distDir }) => {
  test.setTimeout(300_000);
  const base = baseURL ?? '';
  const client = path.join(distDir, 'client');
  // Every file of the build (assets, formats, feeds, the search index), every page, and the
  // responses made on demand: redirects, 404s, the form's pages and its POST.
  const files = readdirSync(client, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `/${path.relative(client, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')}`);
  const urls = [...new Set([...pages, ...files, ...onDemandPages, '/privacy-policy', '/no-such-page/'])];
  expect(files.length).toBeGreaterThan(pages.length);
  const failures: string[] = [];
  const check = (what: string, response: RawResponse, referrerPolicy?: string) => {
    for (const problem of requiredHeaders(response.headers, referrerPolicy)) {
      failures.push(`${what} (${response.status}): ${problem}`);
    }
  };
  for (const url of urls) {
    check(url, await rawGet(new URL(url, base).href), url === '/contact/' ? formPageReferrerPolicy : undefined);
  }
  check('POST /api/contact (form)', await emptyContactPost(base), formPageReferrerPolicy);
  check(
    'POST /api/contact (JSON)',
    await rawRequest(new URL('/api/contact', base).href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: new URL(base).origin },
      body: '{}',
    }),
  );
  expect(failures).toEqual([]);
  // Static hosts get the same policy from _headers.
  const headersFile = readFileSync(path.join(client, '_headers'), 'utf8');
  const page = await rawGet(new URL('/', base).href);
  for (const name of ['content-security-policy', 'permissions-policy', 'referrer-policy', 'x-content-type-options']) {
    expect(headersFile).toContain(`: ${String(page.headers[name])}\n`);
  }
  expect(headersFile).toContain('Strict-Transport-Security: max-age=');
});

test('the server compresses text, not what is compressed already, and caches hashed files a year', async ({
  baseURL,
  distDir,
}) => {
  const base = baseURL ?? '';
  const client = path.join(distDir, 'client');
  const get = (url: string, encoding: string) => rawGet(new URL(url, base).href, { 'Accept-Encoding': encoding });
  const year = 'public, max-age=31536000, immutable';

  const page = await get('/privacy-policy/', 'gzip, br');
  expect(page.headers['content-encoding']).toBe('br');
  expect(page.headers['cache-control']).toBe('no-cache');
  expect((await get('/privacy-policy/', 'gzip')).headers['content-encoding']).toBe('gzip');

  const css = readdirSync(path.join(client, '_astro')).find((file) => file.endsWith('.css'));
  const asset = await get(`/_astro/${css ?? 'missing.css'}`, 'gzip');
  expect(asset.status).toBe(200);
  expect(asset.headers['content-encoding']).toBe('gzip');
  expect(asset.headers['cache-control']).toBe(year);

  // Pagefind writes its index gzip-compressed and names it by content.
  const fragment = readdirSync(path.join(client, 'pagefind/fragment'))[0];
  const searchFile = await get(`/pagefind/fragment/${fragment ?? 'missing'}`, 'gzip, br');
  expect(searchFile.status).toBe(200);
  expect(searchFile.headers['content-encoding']).toBeUndefined();
  expect(searchFile.headers['cache-control']).toBe(year);
  const runtime = await get('/pagefind/pagefind.js', 'gzip');
  expect(runtime.headers['content-encoding']).toBe('gzip');
  expect(runtime.headers['cache-control']).toBe('no-cache');
});

test('no page reports a Content-Security-Policy violation', async ({ page, pages }) => {
  test.setTimeout(60_000 + pages.length * 15_000);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Refused to load: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  // The pages as built, and those with scripts at work: search with a query, the form, and (in
  // the multi-version build) a comparison. The contact and search specs also submit and search.
  const withScripts = ['/search/?q=cookies', ...onDemandPages];
  if (pages.includes('/privacy-policy/2025-09-01/'))
    withScripts.push('/privacy-policy/compare/?from=2024-04-25&to=2025-09-01');
  for (const url of [...pages, ...withScripts]) await page.goto(url, { waitUntil: 'networkidle' });
  expect(violations).toEqual([]);
});

test('the security headers file exists in the build', ({ distDir }) => {
  expect(existsSync(path.join(distDir, 'client/_headers'))).toBe(true);
});

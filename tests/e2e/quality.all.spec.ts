/**
 * Quality gates over the whole built site: valid HTML, no broken internal links or anchors
 * (feeds and versions.json included), strict security headers on every response, and no
 * Content-Security-Policy violation in the browser.
 */
import { HtmlValidate, FileSystemConfigLoader } from 'html-validate';
import { LinkChecker, LinkState } from 'linkinator';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { site } from '../../src/site.config.ts';
import { rawGet } from './support/http.ts';
import { expect, test } from './support/test.ts';

test('every built page is valid HTML (html-validate recommended + a11y)', async ({ pages, distDir }) => {
  const validator = new HtmlValidate(new FileSystemConfigLoader());
  const findings: string[] = [];
  for (const url of pages) {
    const file = path.join(distDir, 'client', url.endsWith('/') ? `${url}index.html` : url);
    const report = await validator.validateFile(file);
    for (const result of report.results) {
      for (const message of result.messages) {
        findings.push(`${url}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`);
      }
    }
  }
  expect(findings).toEqual([]);
});

/** Every URL listed in the feeds and versions.json, rewritten to the test server. */
function machineReadableUrls(distDir: string, baseURL: string): string[] {
  const client = path.join(distDir, 'client');
  const files = readdirSync(client, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.xml') || f.endsWith('versions.json'),
  );
  const urls = new Set<string>();
  for (const file of files) {
    const text = readFileSync(path.join(client, file), 'utf8');
    for (const match of text.matchAll(/(?:href="|"url"\s*:\s*"|<id>|"[a-zA-Z]*[uU]rl"\s*:\s*")([^"<]+)/g)) {
      const value = match[1] ?? '';
      if (value.startsWith(site.siteUrl) || value.startsWith('/')) {
        urls.add(new URL(value.replace(site.siteUrl, ''), baseURL).href);
      }
    }
  }
  return [...urls];
}

test('no broken internal link or anchor, in pages, feeds and versions.json', async ({ pages, baseURL, distDir }) => {
  test.setTimeout(180_000);
  const base = baseURL ?? '';
  const extra = machineReadableUrls(distDir, base);
  const checker = new LinkChecker();
  const result = await checker.check({
    path: [...pages.map((p) => new URL(p, base).href), ...extra],
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
  expect(result.links.length).toBeGreaterThan(pages.length);
});

const requiredHeaders = (headers: Record<string, string | string[] | undefined>): string[] => {
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
  if (headers['referrer-policy'] !== 'no-referrer') problems.push('referrer-policy');
  if (!String(headers['permissions-policy'] ?? '').includes('camera=()')) problems.push('permissions-policy');
  if (headers['set-cookie']) problems.push('sets a cookie');
  return problems;
};

test('every response carries the security headers', async ({ pages, baseURL, distDir }) => {
  const failures: string[] = [];
  const assets = readdirSync(path.join(distDir, 'client/_astro')).map((f) => `/_astro/${f}`);
  for (const url of [...pages, ...assets.slice(0, 5), '/favicon.svg', '/no-such-page/']) {
    const response = await rawGet(new URL(url, baseURL).href);
    for (const problem of requiredHeaders(response.headers)) failures.push(`${url}: ${problem}`);
  }
  expect(failures).toEqual([]);
  // Static hosts get the same policy from _headers.
  const headersFile = readFileSync(path.join(distDir, 'client/_headers'), 'utf8');
  const page = await rawGet(new URL('/', baseURL).href);
  expect(headersFile).toContain(`Content-Security-Policy: ${String(page.headers['content-security-policy'])}`);
  expect(headersFile).toContain('Strict-Transport-Security: max-age=');
});

test('no page reports a Content-Security-Policy violation', async ({ page, pages }) => {
  test.setTimeout(30_000 + pages.length * 5_000);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Refused to load: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  for (const url of pages) await page.goto(url, { waitUntil: 'networkidle' });
  expect(violations).toEqual([]);
});

test('the security headers file exists in the build', ({ distDir }) => {
  expect(existsSync(path.join(distDir, 'client/_headers'))).toBe(true);
});

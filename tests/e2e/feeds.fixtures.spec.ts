/**
 * Feeds and versions.json on the fixture build: Atom that parses, one entry per version with
 * substantive changes marked, every URL in them resolving on the built site, and each policy's
 * feed announced with <link rel="alternate"> on its pages.
 */
import { XMLParser } from 'fast-xml-parser';
import { site } from '../../src/site.config.ts';
import { expect, test } from './support/test.ts';

interface AtomLink {
  rel: string;
  href: string;
  type?: string;
}
interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  category: { term: string; label: string };
  link: AtomLink | AtomLink[];
  summary: { '#text': string };
}
interface AtomFeed {
  feed: { id: string; title: string; updated: string; link: AtomLink[]; entry: AtomEntry | AtomEntry[] };
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
/** The canonical URL rewritten to the test server. */
const local = (url: string): string => url.replace(site.siteUrl, '');

async function readFeed(request: import('@playwright/test').APIRequestContext, path: string) {
  const response = await request.get(path);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/xml/);
  const xml = await response.text();
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  return parser.parse(xml) as AtomFeed;
}

function feedUrls(feed: AtomFeed): string[] {
  return [
    feed.feed.id,
    ...feed.feed.link.map((l) => l.href),
    ...list(feed.feed.entry).flatMap((e) => [e.id, ...list(e.link).map((l) => l.href)]),
  ];
}

test('the policy feed: one entry per version, newest first, substantive changes first-class', async ({ request }) => {
  const feed = await readFeed(request, '/privacy-policy/feed.xml');
  const entries = list(feed.feed.entry);
  expect(entries.map((e) => [e.title, e.category.term])).toEqual([
    ['Editorial change: AllWork Privacy Policy, September 1, 2025', 'editorial'],
    ['Substantive change: AllWork Privacy Policy, January 15, 2025', 'substantive'],
    ['First published version: AllWork Privacy Policy, April 25, 2024', 'first'],
  ]);
  expect(feed.feed.updated).toBe('2025-09-01T00:00:00Z');
  const substantive = entries[1]!;
  expect(substantive.summary['#text']).toContain('We now say how quickly we notify you of a security incident');
  expect(list(substantive.link)).toEqual([
    { rel: 'alternate', type: 'text/html', href: `${site.siteUrl}/privacy-policy/2025-01-15/` },
    {
      rel: 'related',
      type: 'text/html',
      title: 'What changed',
      href: `${site.siteUrl}/privacy-policy/2025-01-15/changes/`,
    },
  ]);
});

test('the feeds are well-formed XML (the browser’s strict XML parser accepts them)', async ({ page, request }) => {
  await page.goto('/');
  for (const path of ['/feed.xml', '/privacy-policy/feed.xml', '/california-privacy-notice/feed.xml']) {
    const xml = await (await request.get(path)).text();
    const error = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return doc.querySelector('parsererror')?.textContent ?? doc.documentElement.namespaceURI ?? 'no namespace';
    }, xml);
    expect(error, path).toBe('http://www.w3.org/2005/Atom');
  }
});

test('the site feed: every version of both policies', async ({ request }) => {
  const feed = await readFeed(request, '/feed.xml');
  const entries = list(feed.feed.entry);
  expect(entries).toHaveLength(6);
  expect(new Set(entries.map((e) => e.id)).size).toBe(6);
});

test('every URL in the feeds and versions.json resolves in the built site', async ({ request }) => {
  const urls = new Set<string>();
  for (const path of ['/feed.xml', '/privacy-policy/feed.xml', '/california-privacy-notice/feed.xml']) {
    for (const url of feedUrls(await readFeed(request, path))) urls.add(url);
  }
  const index = (await (await request.get('/versions.json')).json()) as Record<string, unknown>;
  const collect = (value: unknown): void => {
    if (typeof value === 'string' && value.startsWith(site.siteUrl)) urls.add(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(index);
  // 6 versions (page, changes, text), 2 policies (page, history, compare, feed), the site and its feed.
  expect(urls.size).toBeGreaterThanOrEqual(26);
  const broken: string[] = [];
  for (const url of urls) {
    expect(url.startsWith(`${site.siteUrl}/`), url).toBe(true);
    const response = await request.get(local(url), { maxRedirects: 0 });
    if (response.status() !== 200) broken.push(`${url}: ${response.status()}`);
  }
  expect(broken).toEqual([]);
});

test('versions.json lists every version with its dates, state and fingerprint', async ({ request }) => {
  const response = await request.get('/versions.json');
  expect(response.headers()['content-type']).toMatch(/application\/json/);
  const index = (await response.json()) as {
    policies: { id: string; current: string; versions: Record<string, unknown>[] }[];
  };
  expect(index.policies.map((p) => [p.id, p.current, p.versions.length])).toEqual([
    ['privacy-policy', '2025-09-01', 3],
    ['california-privacy-notice', '2025-09-01', 3],
  ]);
  expect(index.policies[1]!.versions.map((v) => [v.version, v.state, v.effective, v.inForceUntil])).toEqual([
    ['2024-04-25', 'archived', '2024-04-25', '2025-01-14'],
    ['2025-01-15', 'archived', '2025-01-15', '2025-08-31'],
    ['2025-09-01', 'current', '2025-09-01', null],
  ]);
  for (const policy of index.policies) {
    for (const version of policy.versions) expect(version.sha256).toMatch(/^[0-9a-f]{64}$/);
  }
});

// Every page announcing the site feed: pages.builds.spec.ts.
test('policy pages announce their own feed', async ({ page }) => {
  for (const url of ['/privacy-policy/', '/privacy-policy/2025-01-15/', '/privacy-policy/versions/']) {
    await page.goto(url);
    await expect(page.locator('link[rel="alternate"][href="/privacy-policy/feed.xml"]')).toHaveCount(1);
  }
});

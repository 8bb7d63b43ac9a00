import { describe, expect, it } from 'vitest';
import {
  excerptParts,
  normalizeQuery,
  readSearchParams,
  resultsSummary,
  searchHits,
  searchPageUrl,
} from '../../src/lib/search/hits.ts';
import type { PagefindResultData, PagefindSubResult } from '../../src/lib/search/pagefind-api.ts';

function section(id: string | null, title: string, scores: number[], excerpt = `about <mark>${title}</mark>`) {
  const page = id ? `/privacy-policy/#${id}` : '/privacy-policy/';
  return {
    title,
    url: page,
    excerpt,
    locations: scores.map((_, i) => i),
    weighted_locations: scores.map((balanced_score, location) => ({ weight: 1, balanced_score, location })),
    ...(id ? { anchor: { element: 'h2', id, text: title, location: 0 } } : {}),
  } satisfies PagefindSubResult;
}

function page(url: string, status: 'current' | 'archived', sections: PagefindSubResult[]): PagefindResultData {
  return {
    url,
    excerpt: '',
    meta: { title: 'AllWork Privacy Policy', version_date: 'April 25, 2024' },
    filters: { status: [status], policy: ['privacy-policy'] },
    sub_results: sections.map((s) => ({ ...s, url: s.url.replace('/privacy-policy/', url) })),
  };
}

describe('search hits', () => {
  it('lists one hit per matching section, current versions first, most relevant first', () => {
    const archived = page('/privacy-policy/2024-04-25/', 'archived', [section('cookies', 'Cookies', [50, 50])]);
    const current = page('/privacy-policy/', 'current', [
      section('use-of-information', 'Use of Information', [1]),
      section('security', 'Security', []),
      section('cookies', 'Cookies', [40, 5]),
    ]);
    const hits = searchHits([archived, current]);
    expect(hits.map((hit) => [hit.href, hit.status])).toEqual([
      ['/privacy-policy/#cookies', 'current'],
      ['/privacy-policy/#use-of-information', 'current'],
      ['/privacy-policy/2024-04-25/#cookies', 'archived'],
    ]);
    expect(hits[2]).toMatchObject({
      policyTitle: 'AllWork Privacy Policy',
      sectionTitle: 'Cookies',
      versionDate: 'April 25, 2024',
    });
  });

  it('links the opening text, before any heading, to the start of the policy text', () => {
    const [hit] = searchHits([page('/privacy-policy/', 'current', [section(null, 'AllWork Privacy Policy', [3])])]);
    expect(hit).toMatchObject({ href: '/privacy-policy/#policy-text', sectionTitle: null });
  });

  it('splits excerpts into plain and marked text without parsing HTML', () => {
    expect(excerptParts('set <mark>cookies</mark> &lt;b&gt; or <mark>cookie</mark> <mark>files</mark>.')).toEqual([
      { text: 'set ', marked: false },
      { text: 'cookies', marked: true },
      { text: ' <b> or ', marked: false },
      { text: 'cookie', marked: true },
      { text: ' ', marked: false },
      { text: 'files', marked: true },
      { text: '.', marked: false },
    ]);
    expect(excerptParts('')).toEqual([]);
  });
});

describe('search wording and address', () => {
  it('says how many results, in words a screen reader reads well', () => {
    expect(resultsSummary(1, 'cookies', false)).toBe('1 result for “cookies”');
    expect(resultsSummary(6, 'cookies', false)).toBe('6 results for “cookies”');
    expect(resultsSummary(9, 'cookies', true)).toBe('9 results for “cookies”, including past versions');
    expect(resultsSummary(0, 'zzz', false)).toBe(
      'No results for “zzz” in the current versions. Check the spelling, try other words, or include past versions.',
    );
    expect(resultsSummary(0, 'zzz', true)).toBe(
      'No results for “zzz”, including past versions. Check the spelling or try other words.',
    );
  });

  it('keeps the query in the /search/ address and reads it back', () => {
    expect(searchPageUrl({ query: 'authorized agent', includePast: false })).toBe('/search/?q=authorized+agent');
    expect(searchPageUrl({ query: 'cookies', includePast: true })).toBe('/search/?q=cookies&past=1');
    expect(searchPageUrl({ query: '', includePast: true })).toBe('/search/');
    expect(readSearchParams('?q=authorized+agent&past=1')).toEqual({ query: 'authorized agent', includePast: true });
    expect(readSearchParams('?q=%20%20cookie%20%20policy%20')).toEqual({ query: 'cookie policy', includePast: false });
    expect(readSearchParams('')).toEqual({ query: '', includePast: false });
    expect(normalizeQuery('\tcookies\n')).toBe('cookies');
  });
});

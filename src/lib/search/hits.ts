/**
 * Turns Pagefind's page results into what the search UI lists: one hit per matching section,
 * current versions first, then past versions, each group by relevance. Pure functions, no DOM,
 * so they run in unit tests as they run in the browser.
 */
import type { SearchStatus } from './entry.ts';
import type { PagefindResultData, PagefindSubResult } from './pagefind-api.ts';

/** A run of excerpt text, marked when it is one of the words searched for. */
export interface ExcerptPart {
  readonly text: string;
  readonly marked: boolean;
}

/** One link in the results list: a section of one version of one policy. */
export interface SearchHit {
  /** The section's anchor on the page, e.g. `/privacy-policy/#cookies`. */
  readonly href: string;
  /** The version's title, e.g. "AllWork Privacy Policy". */
  readonly policyTitle: string;
  /** The section heading; null for the opening text before the first heading. */
  readonly sectionTitle: string | null;
  readonly status: SearchStatus;
  /** "April 25, 2024": shown with past versions. */
  readonly versionDate: string;
  readonly excerpt: readonly ExcerptPart[];
  /** Relevance: the summed weight of the matches in the section (a match in a heading weighs more). */
  readonly score: number;
}

/** Where the opening text of a policy (before its first heading) is linked: the start of the text. */
export const openingAnchor = 'policy-text';

/**
 * Splits a Pagefind excerpt into plain and marked runs. Pagefind escapes `<` and `>` in the text
 * and adds `<mark>` around matches, so those tags are the only markup; the text is shown with
 * textContent, never parsed as HTML.
 */
export function excerptParts(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let marked = false;
  for (const token of excerpt.split(/(<mark>|<\/mark>)/)) {
    if (token === '<mark>') marked = true;
    else if (token === '</mark>') marked = false;
    else if (token) {
      const text = token.replace(/&lt;/g, '<').replace(/&gt;/g, '>');
      const last = parts.at(-1);
      if (last?.marked === marked) parts[parts.length - 1] = { text: last.text + text, marked };
      else parts.push({ text, marked });
    }
  }
  return parts;
}

function sectionHit(page: PagefindResultData, section: PagefindSubResult): SearchHit {
  const status: SearchStatus = page.filters['status']?.includes('archived') ? 'archived' : 'current';
  return {
    href: section.anchor ? section.url : `${section.url.replace(/#.*$/, '')}#${openingAnchor}`,
    policyTitle: page.meta['title'] ?? '',
    sectionTitle: section.anchor ? section.anchor.text.trim() || section.title : null,
    status,
    versionDate: page.meta['version_date'] ?? '',
    excerpt: excerptParts(section.excerpt),
    score: section.weighted_locations.reduce((sum, location) => sum + location.balanced_score, 0),
  };
}

/**
 * Every matching section of the given pages (in Pagefind's page order), as hits: current
 * versions first, then past ones; within each, the most relevant section first, ties kept in
 * page order and then document order.
 */
export function searchHits(pages: readonly PagefindResultData[]): SearchHit[] {
  const hits = pages.flatMap((page) =>
    page.sub_results.filter((section) => section.locations.length > 0).map((section) => sectionHit(page, section)),
  );
  const group = (hit: SearchHit) => (hit.status === 'current' ? 0 : 1);
  // Array.prototype.sort is stable, so equal hits keep page order, then document order.
  return hits.sort((a, b) => group(a) - group(b) || b.score - a.score);
}

/** Trims and collapses white space, so "  cookie   policy " and "cookie policy" are one query. */
export function normalizeQuery(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ');
}

/**
 * What the polite live region says once typing pauses, e.g. "3 results for “cookies”".
 * It says whether past versions were searched, so the count is never ambiguous, and offers
 * them only when the site has some (`pastAvailable`).
 */
export function resultsSummary(count: number, query: string, includePast: boolean, pastAvailable = true): string {
  if (count === 0) {
    if (includePast)
      return `No results for “${query}”, including past versions. Check the spelling or try other words.`;
    return pastAvailable
      ? `No results for “${query}” in the current versions. Check the spelling, try other words, or include past versions.`
      : `No results for “${query}”. Check the spelling or try other words.`;
  }
  return `${count} ${count === 1 ? 'result' : 'results'} for “${query}”${includePast ? ', including past versions' : ''}`;
}

/** The state of a search as the /search/ page's address holds it, so a search can be linked. */
export interface SearchParams {
  readonly query: string;
  readonly includePast: boolean;
}

/** Field names of the search forms, and so of the /search/ page's query string. */
export const queryParam = 'q';
export const pastParam = 'past';

export function readSearchParams(search: string): SearchParams {
  const params = new URLSearchParams(search);
  return { query: normalizeQuery(params.get(queryParam) ?? ''), includePast: params.get(pastParam) === '1' };
}

/** `/search/?q=cookies` (and `&past=1` with past versions); `/search/` for an empty query. */
export function searchPageUrl({ query, includePast }: SearchParams): string {
  const params = new URLSearchParams();
  if (query) params.set(queryParam, query);
  if (query && includePast) params.set(pastParam, '1');
  const search = params.toString();
  return search ? `/search/?${search}` : '/search/';
}

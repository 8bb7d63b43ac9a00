/**
 * What one page contributes to the search index, decided at build time.
 *
 * Each text is indexed once: the current version under its policy's address (`/privacy-policy/`),
 * archived versions under their permanent addresses. The current version's own permanent page
 * carries the same text as `/privacy-policy/`, so it is left out; so are upcoming versions, which
 * are not in force yet, and any other page that shows a version's text (see
 * docs/decisions/0003-search.md).
 */
import { formatDate } from '../dates.ts';
import type { Policy, Version } from '../versions/repository.ts';

/** The values of the index's `status` filter. */
export type SearchStatus = 'current' | 'archived';

/** Filters the search UI asks for, and the metadata it shows with each result. */
export interface SearchEntry {
  readonly status: SearchStatus;
  /** The `policy` filter: the policy id, e.g. `privacy-policy`. */
  readonly policy: string;
  /** Shown before each section title: the version's own title, e.g. "AllWork Privacy Policy". */
  readonly title: string;
  /** The version id, e.g. `2024-04-25`. */
  readonly version: string;
  /** Shown with archived results: "April 25, 2024" (the version's Last Modified date). */
  readonly versionDate: string;
}

/** Pagefind attribute pairs for an entry: one `key:value` per element, as Pagefind reads them. */
export interface SearchTag {
  readonly attribute: 'data-pagefind-filter' | 'data-pagefind-meta';
  readonly value: string;
}

function trimSlash(path: string): string {
  return path.replace(/\/+$/, '');
}

/**
 * The index entry for `version` of `policy` rendered at `pagePath`, or null when that page must
 * not be indexed (the current version's duplicate permanent page, an upcoming version, any other page).
 */
export function searchEntry(policy: Policy, version: Version, pagePath: string): SearchEntry | null {
  const page = trimSlash(pagePath);
  let status: SearchStatus;
  if (version.isCurrent && page === trimSlash(policy.url)) status = 'current';
  // Only the version's own page: a text shown elsewhere (changes, compare) is not indexed twice.
  else if (!version.isCurrent && !version.isUpcoming && page === trimSlash(version.url)) status = 'archived';
  else return null;
  return {
    status,
    policy: policy.id,
    title: version.title,
    version: version.version,
    versionDate: formatDate(version.lastModified),
  };
}

/** Whether search has past versions to offer: published versions no longer in force. */
export function hasPastVersions(policies: readonly Policy[]): boolean {
  return policies.some((policy) => policy.versions.some((version) => !version.isCurrent && !version.isUpcoming));
}

/**
 * The entry as Pagefind tags. Pagefind reads a single `key:value` from each attribute (the value
 * may contain commas), so every filter and meta field gets an element of its own.
 */
export function searchTags(entry: SearchEntry): SearchTag[] {
  return [
    { attribute: 'data-pagefind-filter', value: `policy:${entry.policy}` },
    { attribute: 'data-pagefind-filter', value: `status:${entry.status}` },
    { attribute: 'data-pagefind-meta', value: `title:${entry.title}` },
    { attribute: 'data-pagefind-meta', value: `version:${entry.version}` },
    { attribute: 'data-pagefind-meta', value: `version_date:${entry.versionDate}` },
  ];
}

/**
 * The part of Pagefind's browser API (`/pagefind/pagefind.js`, 1.6) that the search UI uses,
 * typed. Pagefind ships no types for the bundle it writes, so these mirror its documented shapes.
 */

/** A word position in a page's text, weighted (headings weigh more than paragraphs). */
export interface PagefindWeightedLocation {
  readonly weight: number;
  readonly balanced_score: number;
  readonly location: number;
}

/** A section of a page: the text from one heading with an id to the next. */
export interface PagefindSubResult {
  readonly title: string;
  /** The page URL with the heading's `#id`; the bare page URL for text before the first heading. */
  readonly url: string;
  /** Text around the matches, every match wrapped in `<mark>`; `<` and `>` of the text escaped. */
  readonly excerpt: string;
  readonly locations: readonly number[];
  readonly weighted_locations: readonly PagefindWeightedLocation[];
  /** The heading that starts the section; absent for text before the first heading. */
  readonly anchor?: { readonly element: string; readonly id: string; readonly text: string; readonly location: number };
}

/** Everything the index holds about one matching page. */
export interface PagefindResultData {
  readonly url: string;
  readonly excerpt: string;
  readonly meta: Readonly<Record<string, string | undefined>>;
  readonly filters: Readonly<Record<string, readonly string[] | undefined>>;
  readonly sub_results: readonly PagefindSubResult[];
}

export interface PagefindResult {
  readonly id: string;
  readonly score: number;
  /** Loads the page's fragment: its text, metadata and sections. */
  data(): Promise<PagefindResultData>;
}

export interface PagefindSearchResponse {
  readonly results: readonly PagefindResult[];
  readonly unfilteredResultCount: number;
}

/** A filter value, or any of several. */
export type PagefindFilter = string | { readonly any: readonly string[] };

export interface PagefindModule {
  options(options: { excerptLength?: number; basePath?: string }): Promise<void>;
  init(): Promise<void>;
  search(term: string, options?: { filters?: Record<string, PagefindFilter> }): Promise<PagefindSearchResponse>;
}

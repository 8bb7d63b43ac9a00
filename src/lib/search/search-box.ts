/**
 * The /search/ page in the browser, on Pagefind's JS API: a labelled search field, "Include past
 * versions", a list of result links and a polite live region. The markup is
 * src/components/search/SearchBox.astro; the query lives in the address (`/search/?q=cookies`).
 *
 * Accessibility (WCAG 2.2):
 * - 4.1.3 Status messages: the count is announced by a role="status" region once typing pauses,
 *   never on every keystroke (results themselves update sooner, silently).
 * - 2.1.1 Keyboard / 2.4.3 Focus order: type, Tab into the results, Enter opens one; Escape clears
 *   and returns focus to the field, so focus is never left on a link that has just been removed.
 * - 1.3.1: matches are <mark> elements, the section is named in the link, past versions say so
 *   in words with their date.
 */
import type { PagefindFilter } from './pagefind-api.ts';
import {
  normalizeQuery,
  readSearchParams,
  resultsSummary,
  searchHits,
  searchPageUrl,
  type SearchHit,
  type SearchParams,
} from './hits.ts';
import { loadPagefind } from './load-pagefind.ts';

/** Quiet time after a keystroke before searching: results keep up without a search per key. */
const searchDelayMs = 200;
/** Quiet time after a keystroke before the live region speaks: typing has paused. */
const announceDelayMs = 900;
/** Pages whose sections are listed; the site has a few dozen texts at most. */
const maxPages = 50;

function statusFilter(includePast: boolean): Record<string, PagefindFilter> {
  return { status: includePast ? { any: ['current', 'archived'] } : 'current' };
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** One result: a link named "policy › section" (with the version date when past), then the excerpt. */
function hitItem(hit: SearchHit): HTMLLIElement {
  const item = element('li', 'search-hit');
  const link = element('a', 'search-hit-link');
  link.href = hit.href;
  // The link's name is its visible text (WCAG 2.5.3), so speech users can say what they see.
  link.textContent = `${hit.policyTitle} › ${hit.sectionTitle ?? 'Opening text'}`;
  if (hit.status === 'archived') {
    link.append(' ', element('span', 'search-hit-version', `(past version of ${hit.versionDate})`));
  }
  const excerpt = element('p', 'search-hit-excerpt');
  for (const part of hit.excerpt) excerpt.append(part.marked ? element('mark', undefined, part.text) : part.text);
  item.append(link, excerpt);
  return item;
}

/** Controls one `[data-search]` element. */
class SearchBox {
  private readonly form: HTMLFormElement;
  private readonly input: HTMLInputElement;
  /** "Include past versions": absent when the site has no past version. */
  private readonly past: HTMLInputElement | null;
  private readonly status: HTMLElement;
  private readonly list: HTMLOListElement;
  /** The page's own title, before a query is added to it. */
  private readonly baseTitle = document.title;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  private lastInputAt = 0;
  /** Increases with every search, so a slow, outdated answer is dropped. */
  private generation = 0;

  constructor(private readonly root: HTMLElement) {
    const required = <T extends HTMLElement>(selector: string, type: new () => T): T => {
      const found = root.querySelector(selector);
      if (!(found instanceof type)) throw new Error(`Search box: missing ${selector}`);
      return found;
    };
    this.form = required('form', HTMLFormElement);
    this.input = required('input[type="search"]', HTMLInputElement);
    this.past = root.querySelector<HTMLInputElement>('input[data-search-past]');
    this.status = required('[data-search-status]', HTMLElement);
    this.list = required('[data-search-results]', HTMLOListElement);
  }

  start(): void {
    this.input.addEventListener('input', () => {
      this.onInput();
    });
    this.past?.addEventListener('change', () => {
      void this.search('now');
    });
    // Enter searches in place (without JavaScript the same form reloads /search/ with the query).
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.search('now');
    });
    this.root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.clearable()) {
        event.preventDefault();
        this.clear();
      }
    });
    const params = readSearchParams(location.search);
    this.input.value = params.query;
    if (this.past) this.past.checked = params.includePast;
    this.root.hidden = false;
    // A query in the address (a link, a reload, the header form) is a search asked for: run it.
    if (params.query) void this.search('now');
  }

  private params(): SearchParams {
    return { query: normalizeQuery(this.input.value), includePast: this.past?.checked ?? false };
  }

  private onInput(): void {
    this.lastInputAt = performance.now();
    clearTimeout(this.searchTimer);
    clearTimeout(this.announceTimer);
    this.searchTimer = setTimeout(() => void this.search('after-pause'), searchDelayMs);
  }

  private clearable(): boolean {
    return this.input.value !== '' || !this.list.hidden || this.status.textContent !== '';
  }

  /** Escape: empty the field and the results; focus goes back to the field. */
  private clear(): void {
    this.input.focus();
    this.input.value = '';
    void this.search('now');
  }

  private async search(announce: 'now' | 'after-pause'): Promise<void> {
    clearTimeout(this.searchTimer);
    const params = this.params();
    const generation = ++this.generation;
    if (!params.query) {
      clearTimeout(this.announceTimer);
      this.render([], params);
      this.status.textContent = '';
      return;
    }
    try {
      // The stemmer that checks Pagefind's matches loads with Pagefind, on the first search.
      const [pagefind, { hitsForQuery }] = await Promise.all([loadPagefind(), import('./query-words.ts')]);
      const response = await pagefind.search(params.query, { filters: statusFilter(params.includePast) });
      const pages = await Promise.all(response.results.slice(0, maxPages).map((result) => result.data()));
      if (generation !== this.generation) return;
      const hits = hitsForQuery(params.query, searchHits(pages));
      this.render(hits, params);
      this.announce(resultsSummary(hits.length, params.query, params.includePast, this.past !== null), announce);
    } catch (error) {
      if (generation !== this.generation) return;
      console.error('Search failed to load or run', error);
      this.render([], params);
      this.announce(
        'Search is not available right now. Every section is listed in the contents of each policy.',
        'now',
      );
    }
  }

  /**
   * Says `message` in the live region now, or once typing has paused long enough; once per
   * query: the same words searched again (Enter, a result list refreshed) are not repeated.
   */
  private announce(message: string, when: 'now' | 'after-pause'): void {
    clearTimeout(this.announceTimer);
    if (message === this.status.textContent) return;
    const wait = when === 'now' ? 0 : Math.max(0, this.lastInputAt + announceDelayMs - performance.now());
    this.announceTimer = setTimeout(() => {
      this.status.textContent = message;
    }, wait);
  }

  private render(hits: readonly SearchHit[], params: SearchParams): void {
    const active = document.activeElement;
    const focusedHref = active instanceof HTMLAnchorElement && this.list.contains(active) ? active.href : null;
    this.list.replaceChildren(...hits.map(hitItem));
    this.list.hidden = hits.length === 0;
    // Focus never falls back to <body>: stay on the same result if it is still listed, else the field.
    if (focusedHref !== null && !this.root.contains(document.activeElement)) {
      const same = [...this.list.querySelectorAll('a')].find((link) => link.href === focusedHref);
      (same ?? this.input).focus();
    }
    // The address and the window title follow the search, so it can be linked, reloaded and found in history.
    const url = searchPageUrl(params);
    if (url !== location.pathname + location.search) history.replaceState(history.state, '', url);
    document.title = params.query ? `“${params.query}” – ${this.baseTitle}` : this.baseTitle;
  }
}

/**
 * Starts every search box on the page, and hides what is there only for browsers without
 * JavaScript (the /search/ page's "search needs JavaScript" and its tables of contents).
 */
export function startSearchBoxes(scope: ParentNode = document): void {
  for (const root of scope.querySelectorAll<HTMLElement>('[data-search]')) new SearchBox(root).start();
  for (const fallback of scope.querySelectorAll<HTMLElement>('[data-search-fallback]')) fallback.hidden = true;
}

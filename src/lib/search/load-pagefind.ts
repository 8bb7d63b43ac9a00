/**
 * Loads Pagefind's browser bundle once, on the first search: nothing of it is fetched while
 * people only read. The bundle is written by the build (src/integrations/search-index.ts), so it is
 * imported by URL at run time, not bundled by Vite.
 */
import type { PagefindModule } from './pagefind-api.ts';

/** Where the build writes the bundle. */
export const pagefindUrl = '/pagefind/pagefind.js';

/** Words around a match in each excerpt: enough to judge a section, short enough to scan. */
const excerptLength = 24;

let loading: Promise<PagefindModule> | null = null;

/** Pagefind, loaded and initialised; a failed load is retried on the next call. */
export function loadPagefind(): Promise<PagefindModule> {
  if (!loading) {
    const attempt = (async () => {
      const pagefind = (await import(/* @vite-ignore */ pagefindUrl)) as PagefindModule;
      await pagefind.options({ excerptLength });
      await pagefind.init();
      return pagefind;
    })();
    loading = attempt;
    attempt.catch(() => {
      if (loading === attempt) loading = null;
    });
  }
  return loading;
}

/**
 * Link checks that read the built files themselves, so they do not depend on the order in
 * which a crawler meets pages: every `#fragment` a page links to must be an id on its target
 * page (WCAG 2.4.1 skip links, the tables of contents and the changes pages depend on it), and
 * every URL the feeds and versions.json publish is collected, however deeply it is escaped.
 */

/** A link to a missing anchor: where it is, and what it points at. */
export interface BrokenFragment {
  page: string;
  href: string;
}

const decodeEntities = (text: string): string =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The ids (and legacy `<a name>` targets) a page defines. */
export function anchorsOf(html: string): Set<string> {
  const anchors = new Set<string>();
  for (const match of html.matchAll(/\s(?:id|name)="([^"]+)"/g)) anchors.add(decodeEntities(match[1] ?? ''));
  return anchors;
}

/** The page a path is served from, in the keys of `pages` (`/a/` and `/a/index.html` alike). */
function pageKey(pathname: string): string {
  return pathname.endsWith('/index.html') ? pathname.slice(0, -'index.html'.length) : pathname;
}

/**
 * Every same-site link with a fragment whose target is a page in `pages` (URL path → HTML) and
 * lacks that id. Links to pages not in `pages` (rendered on demand) are counted in `unchecked`.
 */
export function brokenFragments(
  pages: ReadonlyMap<string, string>,
  siteUrl: string,
): { broken: BrokenFragment[]; checked: number; unchecked: number } {
  const anchors = new Map([...pages].map(([url, html]) => [url, anchorsOf(html)]));
  const broken: BrokenFragment[] = [];
  let checked = 0;
  let unchecked = 0;
  for (const [page, html] of pages) {
    for (const match of html.matchAll(/\shref="([^"]*#[^"]*)"/g)) {
      const href = decodeEntities(match[1] ?? '');
      const target = new URL(href.replace(siteUrl, ''), `http://site${page}`);
      if (target.origin !== 'http://site') continue;
      const fragment = decodeURIComponent(target.hash.slice(1));
      const targetAnchors = anchors.get(pageKey(target.pathname));
      if (!targetAnchors) {
        unchecked++;
        continue;
      }
      checked++;
      // An empty fragment ("#") jumps to the top of the page: allowed by HTML, but never meant here.
      if (!fragment || !targetAnchors.has(fragment)) broken.push({ page, href });
    }
  }
  return { broken, checked, unchecked };
}

/**
 * Every URL on `siteUrl` that a feed or versions.json mentions: attributes, element text,
 * JSON strings, and the HTML escaped inside Atom `<content>`.
 */
export function publishedUrls(text: string, siteUrl: string): string[] {
  // Atom content is HTML escaped once more: decode twice so its links read as links.
  const decoded = decodeEntities(decodeEntities(text));
  const escaped = siteUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const urls = new Set<string>();
  for (const match of decoded.matchAll(new RegExp(`${escaped}[^"'<>\\s]*`, 'g'))) {
    // A URL at the end of a sentence ("Index: https://…/versions.json.") ends before the full stop.
    urls.add(match[0].replace(/[.,;:)]+$/, ''));
  }
  return [...urls].sort();
}

/**
 * Every page of each build, visited once: one test per page (so workers share them out), named
 * `[build] url`, running every check of support/page-checks.ts and support/format-checks.ts
 * that applies to it. Pages are found from the build output, so a new page is covered at once;
 * the states scripts and the server render (search results, comparisons, the contact form's
 * pages) are listed here.
 */
import { expect, test } from '@playwright/test';
import { builds, builtPages, type Build } from './support/builds.ts';
import { formatChecks } from './support/format-checks.ts';
import { axeChecks, contentChecks, recordTraffic, trafficChecks, type Target } from './support/page-checks.ts';
import { searchBox } from './support/search.ts';

/** Pages that run scripts: the rest are reading pages and must load none. */
const scripted = /^\/(search|contact|subscribe|[a-z-]+\/compare)\/(\?|$)/;

const shown = (selector: string) => async (page: import('@playwright/test').Page) => {
  await expect(page.locator(selector).first()).toBeVisible();
};

/**
 * States the server renders with nothing from the content: the contact form's pages, the alerts
 * form (it lists site.config.ts's policies; one ticked from a policy page's link), and the pages
 * behind the links in alert emails for a link nobody was sent (the other states: alerts.spec.ts).
 * The same markup in every build, so they are visited in the site's build only.
 */
const contentFreeStates: Target[] = [
  { url: '/contact/', built: false, status: 200, scripts: true },
  { url: '/contact/sent/?ref=AW-0000-0000', built: false, status: 200, scripts: true },
  { url: '/subscribe/', built: false, status: 200, scripts: true },
  { url: '/subscribe/?policy=california-privacy-notice', built: false, status: 200, scripts: true },
  { url: `/subscribe/confirm/?token=${'0'.repeat(43)}`, built: false, status: 404, scripts: false },
  { url: `/unsubscribe/?token=${'0'.repeat(43)}`, built: false, status: 200, scripts: false },
];

/** States that are not files of the build and show its content (search results), in every build. */
const renderedStates: Target[] = [
  {
    url: '/search/?q=cookies',
    built: false,
    status: 200,
    scripts: true,
    ready: async (page) => {
      await expect(searchBox(page).links.first()).toBeVisible();
    },
  },
  {
    url: '/search/?q=xylophone',
    built: false,
    status: 200,
    scripts: true,
    ready: async (page) => {
      await expect(searchBox(page).status).toHaveText(/^No results/);
    },
  },
];

/** States only the multi-version build has: past versions in search, comparisons. */
const multiVersionStates: Target[] = [
  {
    url: '/search/?q=cookies&past=1',
    built: false,
    status: 200,
    scripts: true,
    ready: async (page) => {
      await expect(searchBox(page).links.last()).toContainText('past version of');
    },
  },
  ...[
    '/privacy-policy/compare/?from=2024-04-25&to=2025-09-01',
    '/privacy-policy/compare/?from=2024-04-25&to=2025-09-01&view=full',
    '/california-privacy-notice/compare/?from=2025-01-15&to=2025-09-01&view=full',
  ].map((url) => ({ url, built: false, status: 200, scripts: true, ready: shown('.diff') })),
  ...['/privacy-policy/compare/2024-04-25/2025-09-01/', '/privacy-policy/compare/2024-04-25/2025-09-01/full/'].map(
    (url) => ({ url, built: false, status: 200, scripts: false }),
  ),
  ...['/privacy-policy/compare/go/?from=2025-01-15&to=2025-01-15', '/privacy-policy/compare/go/?date=2020-01-01'].map(
    (url) => ({ url, built: false, status: 400, scripts: false }),
  ),
];

function targets(build: Build): Target[] {
  // Every file is served with 200, 404.html too (the server sends it with 404 for missing pages).
  const built = builtPages(build.distDir).map((url) => ({
    url,
    built: true,
    status: 200,
    scripts: scripted.test(url),
  }));
  const byBuild = build.name === 'fixtures' ? multiVersionStates : contentFreeStates;
  return [...built, ...renderedStates, ...byBuild];
}

const checks = [...contentChecks, ...formatChecks, ...axeChecks, ...trafficChecks];

// A cap, not a timing: what the per-check loops these tests replace allowed each page (two axe
// runs at 30 s, the traffic checks, the format files) on a loaded two-core machine.
test.describe.configure({ timeout: 180_000 });

for (const build of builds) {
  const pages = builtPages(build.distDir);
  for (const target of targets(build)) {
    test(`[${build.name}] ${target.url}`, async ({ page, context }) => {
      const traffic = await recordTraffic(page, new URL(build.baseURL).origin);
      await page.emulateMedia({ colorScheme: 'light' });
      // A reading page has loaded everything it ever will at `load`; a scripted one may still
      // fetch (search's index), so it waits until the network is quiet (half a second of nothing).
      const waitUntil = target.scripts ? 'networkidle' : 'load';
      const response = await page.goto(new URL(target.url, build.baseURL).href, { waitUntil });
      expect(response?.status(), `status of ${target.url} [${build.name}]`).toBe(target.status);
      await target.ready?.(page);
      for (const check of checks.filter((c) => c.appliesTo(target))) {
        const problems = await check.run({ page, context, build, target, pages, traffic });
        expect.soft(problems, `${check.name}: ${target.url} [${build.name}]`).toEqual([]);
      }
    });
  }
}

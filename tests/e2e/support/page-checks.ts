/**
 * What every page must do in the browser, checked in one visit: axe in the light and the dark
 * scheme, the h1 first, no Content-Security-Policy violation, no request to another origin, no cookie, no
 * script where reading needs none, and the links every page carries. Each check is named, so a
 * failure says which check failed on which page (pages.builds.spec.ts runs them).
 */
import type { BrowserContext, Page } from '@playwright/test';
import { axeViolations, rulesFor } from './axe.ts';
import type { Build } from './builds.ts';

/** A page as the checks visit it: a built file, or a state rendered on demand or by a script. */
export interface Target {
  /** Path and query on the build's server. */
  readonly url: string;
  /** A file of the build (rather than rendered by the server or written by a script). */
  readonly built: boolean;
  /** The status the server answers with. */
  readonly status: number;
  /** Search, compare and the contact form run scripts; every reading page loads none. */
  readonly scripts: boolean;
  /** Waits until the page shows the state under test (results, a comparison). */
  readonly ready?: (page: Page) => Promise<void>;
}

/** What the browser saw while loading a page, recorded from before the first request. */
export interface Traffic {
  readonly foreign: string[];
  readonly scripts: string[];
  readonly cookieHeaders: string[];
  readonly cspReports: string[];
  /** Response headers are read asynchronously: wait for them before reading `cookieHeaders`. */
  settled(): Promise<void>;
}

export interface Visit {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly build: Build;
  readonly target: Target;
  /** Every page of the build, as URL paths. */
  readonly pages: readonly string[];
  readonly traffic: Traffic;
}

export interface PageCheck {
  readonly name: string;
  readonly appliesTo: (target: Target) => boolean;
  /** Problems found, each a line that reads well in a failed assertion; none when it passes. */
  readonly run: (visit: Visit) => Promise<string[]>;
}

/** Starts recording a page's requests, cookies and CSP reports; call before `page.goto`. */
export async function recordTraffic(page: Page, origin: string): Promise<Traffic> {
  const foreign: string[] = [];
  const scripts: string[] = [];
  const cookieHeaders: string[] = [];
  const cspReports: string[] = [];
  const pending: Promise<void>[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.origin !== origin) foreign.push(request.url());
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  page.on('response', (response) => {
    pending.push(
      response.headerValue('set-cookie').then((setCookie) => {
        if (setCookie) cookieHeaders.push(`${response.url()}: ${setCookie}`);
      }),
    );
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) cspReports.push(message.text());
  });
  // Violations the console may word differently still fire this event.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Refused to load: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return {
    foreign,
    scripts,
    cookieHeaders,
    cspReports,
    settled: async () => {
      await Promise.all(pending);
    },
  };
}

const everyPage = () => true;

const axeIn = (colorScheme: 'light' | 'dark'): PageCheck => ({
  name: colorScheme === 'light' ? 'axe (light scheme)' : 'axe colour rules (dark scheme)',
  appliesTo: everyPage,
  run: async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    // Every rule in the light scheme; in the dark one, only those a change of colours can fail.
    return axeViolations(page, undefined, rulesFor({ colorScheme }));
  },
});

/** What the page is: read from its document as loaded, before any check runs a script in it. */
export const contentChecks: readonly PageCheck[] = [
  {
    name: 'no JavaScript before interaction',
    appliesTo: (target) => !target.scripts,
    run: async ({ page, traffic }) => {
      const elements = await page.locator('script').count();
      return [...traffic.scripts, ...(elements ? [`${elements} <script> element(s)`] : [])];
    },
  },
  {
    name: 'the footer links to the contact form',
    appliesTo: everyPage,
    run: async ({ page }) => {
      const links = await page.locator('footer a[href="/contact/"]').count();
      return links === 1 ? [] : [`${links} links to /contact/ in the footer, expected 1`];
    },
  },
  {
    // Heading navigation starts at the page's title; the error summary is GOV.UK's exception
    // (above the h1, where it takes focus), so it does not count.
    name: 'one h1, before every other heading',
    appliesTo: everyPage,
    run: async ({ page }) => {
      const headings = await page
        .locator('main :is(h1, h2, h3, h4, h5, h6)')
        .evaluateAll((found) =>
          found
            .filter((h) => !h.closest('[data-error-summary]'))
            .map((h) => `${h.tagName.toLowerCase()} “${h.textContent.trim()}”`),
        );
      const h1s = headings.filter((h) => h.startsWith('h1 '));
      if (h1s.length !== 1) return [`${h1s.length} h1 elements, expected 1`];
      return headings[0]?.startsWith('h1 ') ? [] : [`${headings[0] ?? 'no heading'} comes before the h1`];
    },
  },
  {
    name: 'announces the site feed',
    appliesTo: (target) => target.built && target.url.endsWith('/'),
    run: async ({ page }) => {
      const links = await page.locator('link[rel="alternate"][type="application/atom+xml"][href="/feed.xml"]').count();
      return links === 1 ? [] : [`${links} <link rel="alternate"> to /feed.xml, expected 1`];
    },
  },
];

export const axeChecks: readonly PageCheck[] = [axeIn('light'), axeIn('dark')];

/** What the browser did, read last: after both colour schemes were shown. */
export const trafficChecks: readonly PageCheck[] = [
  {
    name: 'no Content-Security-Policy violation',
    appliesTo: everyPage,
    run: ({ traffic }) => Promise.resolve([...traffic.cspReports]),
  },
  {
    name: 'no request to another origin',
    appliesTo: everyPage,
    run: ({ traffic }) => Promise.resolve([...traffic.foreign]),
  },
  {
    name: 'no cookie',
    appliesTo: everyPage,
    run: async ({ traffic, context }) => {
      await traffic.settled();
      const jar = (await context.cookies()).map((cookie) => `cookie in the browser: ${cookie.name}`);
      return [...traffic.cookieHeaders, ...jar];
    },
  },
];

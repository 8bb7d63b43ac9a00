/**
 * The formats, checked during the one visit of each page: every version page and current policy
 * page links to its files on the formats page and to the request for another format; every
 * format link there downloads a file with the right Content-Type, the size and SHA-256 the page
 * prints; a policy's formats page lists the files of every version, under an id per version.
 */
import type { Locator, Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { formats } from '../../../src/lib/formats/index.ts';
import { rawGet } from './http.ts';
import type { PageCheck, Target } from './page-checks.ts';

export const versionPage = /^\/[a-z-]+\/\d{4}-\d{2}-\d{2}(-\d+)?\/$/;
export const policyPage = /^\/(privacy-policy|california-privacy-notice)\/$/;
export const formatsPage = /^\/[a-z-]+\/formats\/$/;

interface Listed {
  href: string;
  type: string | null;
  download: string | null;
  name: string;
  meta: string;
  sha256: string;
}

async function listedFiles(page: Page, scope: string): Promise<Listed[]> {
  return page.locator(`${scope} li.format`).evaluateAll(
    (items, listScope) =>
      items.map((item) => {
        const link = item.querySelector('a');
        const download = link?.getAttribute('download') ?? null;
        // The checksums are listed after the files, in "Technical details", by file name.
        const hash = document.querySelector(`${listScope} .format-hash[data-file="${download ?? ''}"] code`);
        return {
          href: link?.getAttribute('href') ?? '',
          type: link?.getAttribute('type') ?? null,
          download,
          name: link?.textContent ?? '',
          meta: item.querySelector('.format-meta')?.textContent ?? '',
          sha256: hash?.textContent ?? '',
        };
      }),
    scope,
  );
}

const policyOf = (url: string): string => url.split('/')[1] ?? '';

/** The link a locator finds must be there, once, and lead to `expected` (read without waiting). */
async function linkProblems(link: Locator, label: string, expected: string): Promise<string[]> {
  const hrefs = await link.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  if (hrefs.length !== 1) return [`${hrefs.length} "${label}" links, expected 1`];
  return hrefs[0] === expected ? [] : [`"${label}" → ${String(hrefs[0])}, expected ${expected}`];
}
const builtAt = (pattern: RegExp) => (target: Target) => target.built && pattern.test(target.url);
const alternativeFormatLink = (url: string) => `/contact/?topic=alternative-format&document=${policyOf(url)}`;

/** The problems of one downloaded file against what the page says of it. */
async function fileProblems(where: string, file: Listed, baseURL: string): Promise<string[]> {
  const problems: string[] = [];
  const format = formats.find(
    (f) => file.href.endsWith(f.suffix) && (f.suffix !== '.pdf' || !file.href.endsWith('-large-print.pdf')),
  );
  const response = await rawGet(new URL(file.href, baseURL).href);
  if (response.status !== 200) problems.push(`${where}: status ${response.status}`);
  if (!format) problems.push(`${where}: no format has this file name`);
  if (response.headers['content-type'] !== file.type) {
    problems.push(`${where}: Content-Type ${String(response.headers['content-type'])}, link type ${String(file.type)}`);
  }
  if (format && file.type !== format.mediaType)
    problems.push(`${where}: link type ${String(file.type)}, expected ${format.mediaType}`);
  if (file.download !== file.href.split('/').at(-1)) problems.push(`${where}: download="${String(file.download)}"`);
  const sha256 = createHash('sha256').update(response.body).digest('hex');
  if (sha256 !== file.sha256) problems.push(`${where}: SHA-256 ${sha256}, page says ${file.sha256}`);
  const kb = Math.round(response.body.length / 1000);
  if (!file.meta.includes(response.body.length < 1000 ? `${response.body.length} bytes` : `${kb} KB`)) {
    problems.push(`${where}: ${response.body.length} bytes, page says "${file.meta}"`);
  }
  return problems;
}

export const formatChecks: readonly PageCheck[] = [
  {
    name: 'a link to its files on the formats page, and to ask for another format',
    appliesTo: (target) => builtAt(versionPage)(target) || builtAt(policyPage)(target),
    run: async ({ page, target }) => {
      const version = (await page.locator('#policy-text').getAttribute('data-version')) ?? '';
      const header = page.locator('.policy-header');
      return [
        ...(await linkProblems(
          header.getByRole('link', { name: /^Files of this version: PDF, large print/ }),
          'Files of this version…',
          `/${policyOf(target.url)}/formats/#version-${version}`,
        )),
        ...(await linkProblems(
          header.getByRole('link', { name: 'ask us for an alternative format' }),
          'ask us for an alternative format',
          alternativeFormatLink(target.url),
        )),
      ];
    },
  },
  {
    name: 'every format link resolves with the right Content-Type, size and SHA-256',
    appliesTo: builtAt(formatsPage),
    run: async ({ page, target, build }) => {
      const files = await listedFiles(page, 'main');
      // A page that lists nothing would pass every file check below.
      const problems = files.length < formats.length ? [`lists ${files.length} files, fewer than the formats`] : [];
      for (const file of files)
        problems.push(...(await fileProblems(`${target.url} → ${file.href}`, file, build.baseURL)));
      return problems;
    },
  },
  {
    name: 'the formats page lists the files of every version',
    appliesTo: builtAt(formatsPage),
    run: async ({ page, target, pages }) => {
      const problems: string[] = [];
      const policy = `/${policyOf(target.url)}/`;
      const versions = pages.filter((p) => versionPage.test(p) && p.startsWith(policy));
      const headings = await page.getByRole('heading', { level: 1 }).allTextContents();
      const heading = headings.join(' | ');
      if (headings.length !== 1 || !heading.includes('other formats'))
        problems.push(`h1 "${heading}" does not say "other formats"`);
      const hrefs = (await listedFiles(page, 'main')).map((f) => f.href);
      if (hrefs.length !== versions.length * formats.length)
        problems.push(`${hrefs.length} files for ${versions.length} versions of ${formats.length} formats`);
      for (const version of versions) {
        const id = version.split('/')[2] ?? '';
        // The section a version page's "Files of this version" link leads to.
        if ((await page.locator(`section.version-formats h2#version-${id}`).count()) !== 1)
          problems.push(`no section #version-${id}`);
        for (const format of formats) {
          const href = `${version}${policyOf(target.url)}-${id}${format.suffix}`;
          if (!hrefs.includes(href)) problems.push(`${href} is not listed`);
        }
      }
      problems.push(
        ...(await linkProblems(
          page.getByRole('link', { name: 'Ask us for an alternative format' }),
          'Ask us for an alternative format',
          alternativeFormatLink(target.url),
        )),
      );
      return problems;
    },
  },
];

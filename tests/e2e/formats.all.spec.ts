/**
 * The Formats sections and pages, as served by the real server: every format link on every
 * version page (and current policy page, and formats page) downloads a file with the right
 * Content-Type, the size and SHA-256 the page prints, and a request link for other formats.
 */
import { createHash } from 'node:crypto';
import { formats } from '../../src/lib/formats/index.ts';
import { axeViolations } from './support/axe.ts';
import { rawGet } from './support/http.ts';
import { expect, test } from './support/test.ts';

const versionPage = /^\/[a-z-]+\/\d{4}-\d{2}-\d{2}(-\d+)?\/$/;
const policyPage = /^\/(privacy-policy|california-privacy-notice)\/$/;
const formatsPage = /^\/[a-z-]+\/formats\/$/;

interface Listed {
  href: string;
  type: string | null;
  download: string | null;
  name: string;
  meta: string;
  sha256: string;
}

async function listedFiles(page: import('@playwright/test').Page, scope: string): Promise<Listed[]> {
  return page.locator(`${scope} li.format`).evaluateAll((items) =>
    items.map((item) => {
      const link = item.querySelector('a');
      return {
        href: link?.getAttribute('href') ?? '',
        type: link?.getAttribute('type') ?? null,
        download: link?.getAttribute('download') ?? null,
        name: link?.textContent ?? '',
        meta: item.querySelector('.format-meta')?.textContent ?? '',
        sha256: item.querySelector('.format-hash code')?.textContent ?? '',
      };
    }),
  );
}

test('every version page and current policy page has a Formats section listing every format', async ({
  page,
  pages,
}) => {
  const targets = pages.filter((url) => versionPage.test(url) || policyPage.test(url));
  expect(targets.length).toBeGreaterThanOrEqual(4);
  for (const url of targets) {
    await page.goto(url);
    const section = page.locator('section#formats');
    await expect(section.getByRole('heading', { level: 2, name: 'Formats' })).toBeVisible();
    const files = await listedFiles(page, 'section#formats');
    expect(files.map((f) => f.name)).toEqual(formats.map((f) => f.name));
    const policy = url.split('/')[1] ?? '';
    await expect(section.getByRole('link', { name: 'Ask us for an alternative format' })).toHaveAttribute(
      'href',
      `/contact/?topic=alternative-format&document=${policy}`,
    );
    await expect(section.getByRole('link', { name: /Files of every version/ })).toHaveAttribute(
      'href',
      `/${policy}/formats/`,
    );
  }
});

test('every format link on every page resolves with the right Content-Type, size and SHA-256', async ({
  page,
  pages,
  baseURL,
}) => {
  const targets = pages.filter((url) => versionPage.test(url) || policyPage.test(url) || formatsPage.test(url));
  test.setTimeout(30_000 + targets.length * 10_000);
  const problems: string[] = [];
  let checked = 0;
  for (const url of targets) {
    await page.goto(url);
    for (const file of await listedFiles(page, 'main')) {
      const format = formats.find(
        (f) => file.href.endsWith(f.suffix) && (f.suffix !== '.pdf' || !file.href.endsWith('-large-print.pdf')),
      );
      const response = await rawGet(new URL(file.href, baseURL).href);
      const where = `${url} → ${file.href}`;
      if (response.status !== 200) problems.push(`${where}: status ${response.status}`);
      if (!format) problems.push(`${where}: no format has this file name`);
      if (response.headers['content-type'] !== file.type) {
        problems.push(
          `${where}: Content-Type ${String(response.headers['content-type'])}, link type ${String(file.type)}`,
        );
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
      checked++;
    }
  }
  expect(problems).toEqual([]);
  expect(checked).toBeGreaterThanOrEqual(targets.length * formats.length);
});

test('the formats page of each policy lists the files of every version', async ({ page, pages }) => {
  const policyUrls = pages.filter((url) => policyPage.test(url));
  for (const url of policyUrls) {
    const versions = pages.filter((p) => versionPage.test(p) && p.startsWith(url));
    await page.goto(`${url}formats/`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('other formats');
    const hrefs = (await listedFiles(page, 'main')).map((f) => f.href);
    expect(hrefs).toHaveLength(versions.length * formats.length);
    for (const version of versions) {
      const id = version.split('/')[2] ?? '';
      for (const format of formats) expect(hrefs).toContain(`${version}${url.split('/')[1]}-${id}${format.suffix}`);
    }
    await expect(page.getByRole('link', { name: 'Ask us for an alternative format' })).toHaveAttribute(
      'href',
      `/contact/?topic=alternative-format&document=${url.split('/')[1] ?? ''}`,
    );
  }
});

test('keyboard: the link at the top leads to the Formats section, and a download starts from there', async ({
  page,
}) => {
  await page.goto('/privacy-policy/');
  const jump = page.getByRole('link', { name: /^Download as PDF, large print/ });
  // Tab from the top of the page until the jump link has focus.
  for (let i = 0; i < 15 && !(await jump.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(jump).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#formats$/);
  await page.keyboard.press('Tab');
  const first = page.locator('section#formats li.format a').first();
  await expect(first).toBeFocused();
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toMatch(/^privacy-policy-\d{4}-\d{2}-\d{2}\.pdf$/);
});

test('the Formats section reflows at 320 px and is axe-clean in forced colours', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/privacy-policy/#formats');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.emulateMedia({ forcedColors: 'active' });
  expect(await axeViolations(page)).toEqual([]);
});

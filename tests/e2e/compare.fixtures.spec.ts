/**
 * The compare page on the fixture build. With JavaScript the comparison renders on the page,
 * from the versions' data, with code loaded only when asked for; it shows exactly what the
 * prebuilt changes pages show. Without JavaScript the same forms lead to the changes pages,
 * the on-demand comparisons and the version in force on a date.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { htmlFindings } from './support/html-validation.ts';

const compare = '/privacy-policy/compare/';

/** The scripts a page loaded, by file name. */
function scriptLog(page: Page): string[] {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  return scripts;
}

test('the page loads a small script first, and the diff code only when a comparison is asked for', async ({ page }) => {
  const scripts = scriptLog(page);
  await page.goto(compare, { waitUntil: 'networkidle' });
  // Vite's dynamic-import helper (under 1 KB) is a chunk of its own once two pages' scripts load
  // code on demand (this one and search); sizes are held by tests/integration/browser-scripts.test.ts.
  expect(scripts.filter((s) => !s.includes('/preload-helper.'))).toHaveLength(1);
  expect(scripts.some((s) => s.includes('compare-view'))).toBe(false);
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.locator('#comparison-title')).toBeVisible();
  expect(scripts.some((s) => s.includes('compare-view'))).toBe(true);
});

for (const [policy, from, to] of [
  ['privacy-policy', '2024-04-25', '2025-01-15'],
  ['privacy-policy', '2025-01-15', '2025-09-01'],
  ['california-privacy-notice', '2024-04-25', '2025-01-15'],
  ['california-privacy-notice', '2025-01-15', '2025-09-01'],
] as const) {
  test(`${policy} ${from} → ${to}: the compare page renders the same changes as the prebuilt page`, async ({
    page,
  }) => {
    for (const view of ['sections', 'full'] as const) {
      await page.goto(`/${policy}/${to}/changes/${view === 'full' ? 'full/' : ''}`);
      const expected = {
        counts: await page.locator('.change-counts').innerHTML(),
        sections: await page.locator('ol.changed-sections').innerHTML(),
        diff: await page.locator('.diff').innerHTML(),
      };
      await page.goto(`/${policy}/compare/?from=${from}&to=${to}${view === 'full' ? '&view=full' : ''}`);
      await expect(page.locator('#comparison-title')).toBeVisible();
      // The one intended difference: on the compare page the comparison sits under its own h2,
      // so the section headings of the "changed sections" view are h3 there.
      const diff = await page.locator('.diff').innerHTML();
      expect({
        counts: await page.locator('.change-counts').innerHTML(),
        sections: await page.locator('ol.changed-sections').innerHTML(),
        diff: view === 'sections' ? diff.replace(/<(\/?)h3>/g, '<$1h2>') : diff,
      }).toEqual(expected);
    }
  });
}

test('a non-consecutive pair renders the same as its on-demand page', async ({ page }) => {
  await page.goto('/california-privacy-notice/compare/2024-04-25/2025-09-01/');
  const expected = await page.locator('.diff').innerHTML();
  await expect(page.locator('.change')).toHaveCount(5);
  await page.goto('/california-privacy-notice/compare/?from=2024-04-25&to=2025-09-01');
  await expect(page.locator('#comparison-title')).toHaveText('Changes from April 25, 2024 to September 1, 2025');
  expect((await page.locator('.diff').innerHTML()).replace(/<(\/?)h3>/g, '<$1h2>')).toBe(expected);
});

test('with JavaScript: the choice goes into the address, focus moves to the result, Back works', async ({ page }) => {
  await page.goto(compare);
  await page.getByLabel('From (the older version)').selectOption('2024-04-25');
  await page.getByLabel('To (the newer version)').selectOption('2025-09-01');
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page).toHaveURL(`${compare}?from=2024-04-25&to=2025-09-01`);
  await expect(page.locator('#comparison-title')).toBeFocused();
  await expect(page.locator('[data-comparison-status]')).toHaveText(
    'Comparison ready: 21 words added, 8 removed, 5 changes.',
  );
  // The window title says which comparison this is.
  await expect(page).toHaveTitle(/^Changes from April 25, 2024 to September 1, 2025 – Compare versions/);
  // The full view, in place and in the address.
  await page.getByRole('link', { name: 'Full document with changes marked' }).click();
  await expect(page).toHaveURL(`${compare}?from=2024-04-25&to=2025-09-01&view=full`);
  await expect(page.locator('.diff-full')).toBeVisible();
  await expect(page).toHaveTitle(/^Changes from April 25, 2024 to September 1, 2025, in full – /);
  // Back: focus goes to the comparison shown, then, leaving the comparisons, to the form's button.
  await page.goBack();
  await expect(page.locator('.diff-sections')).toBeVisible();
  await expect(page.locator('#comparison-title')).toBeFocused();
  await page.goBack();
  await expect(page).toHaveURL(compare);
  await expect(page.locator('#comparison-title')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Compare', exact: true })).toBeFocused();
  await expect(page).toHaveTitle(/^Compare versions of the Privacy Policy/);
});

test('the date form’s error page: summary focused, the field marked invalid, its message marked visibly', async ({
  page,
}) => {
  for (const date of ['2020-01-01', '']) {
    await page.goto(compare);
    await page.getByLabel('Date').fill(date);
    await page.getByRole('button', { name: 'Show that version' }).click();
    await expect(page).toHaveURL(`/privacy-policy/compare/go/?date=${date}`);
    await expect(page.locator('[data-error-summary]')).toBeFocused();
    await expect(page.getByLabel('Date')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#date-error .error-marker')).toBeVisible();
    // Tab goes from the summary to its link, which leads to the field.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Date')).toBeFocused();
  }
});

test('with JavaScript: the same version twice gives an error summary linking to the field', async ({ page }) => {
  await page.goto(compare);
  await page.getByLabel('From (the older version)').selectOption('2025-01-15');
  await page.getByLabel('To (the newer version)').selectOption('2025-01-15');
  await page.getByRole('button', { name: 'Compare' }).click();
  const summary = page.locator('[data-error-summary]');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('alert')).toContainText('There is a problem');
  await expect(page).toHaveTitle(/^Error: Compare versions/);
  await summary.getByRole('link', { name: 'Choose two different versions to compare' }).click();
  await expect(page.getByLabel('To (the newer version)')).toBeFocused();
  await expect(page.getByLabel('To (the newer version)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#comparison-title')).toHaveCount(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the compare form leads to the prebuilt changes page of two consecutive versions', async ({ page }) => {
    await page.goto(compare);
    await page.getByLabel('From (the older version)').selectOption('2024-04-25');
    await page.getByLabel('To (the newer version)').selectOption('2025-01-15');
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect(page).toHaveURL('/privacy-policy/2025-01-15/changes/');
    await expect(page.locator('h1')).toHaveText('What changed in the AllWork Privacy Policy on January 15, 2025');
  });

  test('any other pair (even newest first) leads to its comparison, rendered by the server', async ({ page }) => {
    await page.goto(compare);
    await page.getByLabel('From (the older version)').selectOption('2025-09-01');
    await page.getByLabel('To (the newer version)').selectOption('2024-04-25');
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect(page).toHaveURL('/privacy-policy/compare/2024-04-25/2025-09-01/');
    await expect(page.locator('h1')).toHaveText(
      'Changes in the AllWork Privacy Policy from April 25, 2024 to September 1, 2025',
    );
    await expect(page.locator('.change')).toHaveCount(5);
    await page.getByRole('link', { name: 'Full document with changes marked' }).click();
    await expect(page).toHaveURL('/privacy-policy/compare/2024-04-25/2025-09-01/full/');
    await expect(page.locator('.diff-full .change')).toHaveCount(5);
  });

  test('the date form shows the version in force on that day', async ({ page }) => {
    for (const [day, version] of [
      ['2025-01-14', '2024-04-25'],
      ['2025-01-15', '2025-01-15'],
      ['2025-12-31', '2025-09-01'],
    ] as const) {
      await page.goto(compare);
      await page.getByLabel('Date').fill(day);
      await page.getByRole('button', { name: 'Show that version' }).click();
      await expect(page).toHaveURL(`/privacy-policy/${version}/`);
    }
  });

  test('a date before the first version gives a clear message by the field', async ({ page }) => {
    await page.goto(compare);
    await page.getByLabel('Date').fill('2020-01-01');
    await page.getByRole('button', { name: 'Show that version' }).click();
    await expect(page).toHaveTitle(/^Error: /);
    const message =
      'No version of the Privacy Policy was in force on January 1, 2020: the first version took effect on April 25, 2024.';
    await expect(page.getByRole('alert')).toContainText(message);
    await expect(page.locator('#date-error')).toContainText(message);
    await expect(page.getByLabel('Date')).toHaveValue('2020-01-01');
    await expect(page.getByLabel('Date')).toHaveAttribute('aria-describedby', 'date-hint date-error');
  });

  test('the on-demand routes answer 400 to bad input and 404 to unknown pages', async ({ request }) => {
    const status = async (url: string) => (await request.get(url, { maxRedirects: 0 })).status();
    expect(await status('/privacy-policy/compare/go/?date=')).toBe(400);
    expect(await status('/privacy-policy/compare/go/?date=2025-02-30')).toBe(400);
    expect(await status('/privacy-policy/compare/go/?from=2024-04-25&to=1999-01-01')).toBe(400);
    expect(await status('/privacy-policy/compare/2024-04-25/2031-01-01/')).toBe(404);
    expect(await status('/privacy-policy/compare/2024-04-25/2025-09-01/other/')).toBe(404);
    expect(await status('/no-such-policy/compare/go/?date=2025-01-01')).toBe(404);
    expect(await status('/privacy-policy/compare/2024-04-25/2025-01-15/')).toBe(301);
  });
});

test('the pages the server renders on demand, and the rendered comparison, are valid HTML', async ({
  page,
  request,
}) => {
  const findings: string[] = [];
  const check = async (name: string, html: string) => {
    findings.push(...(await htmlFindings(name, html)));
  };
  for (const url of [
    '/privacy-policy/compare/2024-04-25/2025-09-01/',
    '/privacy-policy/compare/2024-04-25/2025-09-01/full/',
    '/privacy-policy/compare/go/?date=2020-01-01',
    '/privacy-policy/compare/go/?from=2025-01-15&to=2025-01-15',
  ]) {
    await check(url, await (await request.get(url)).text());
  }
  for (const view of ['', '&view=full']) {
    await page.goto(`/privacy-policy/compare/?from=2024-04-25&to=2025-09-01${view}`);
    await expect(page.locator('.diff')).toBeVisible();
    // What the script wrote, in a minimal document (serialising the whole DOM would add noise such as selected="").
    const written = await page.locator('#comparison').innerHTML();
    await check(
      `compare page with a comparison${view}`,
      `<!DOCTYPE html>\n<html lang="en"><head><title>Compare</title></head><body><main>${written}</main></body></html>`,
    );
  }
  expect(findings).toEqual([]);
});

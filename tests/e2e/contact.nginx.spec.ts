/**
 * The deployment as people meet it: Chromium over HTTPS to Debian's nginx with the shipped
 * configuration, nginx in front of the form server (TRUST_PROXY=true). Run once (the `nginx`
 * project): the form sent with JavaScript on and off, and the headers of a page, its assets and
 * the form's answers, with no CSP report and no cookie on the way.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { headerKind } from '../../src/lib/server/headers.ts';
import { validStates } from '../fixtures/contact/form-states.ts';
import { throughNginx } from './support/builds.ts';
import { fill, send } from './support/contact-form.ts';
import { assetHeaderProblems, securityHeaderProblems } from './support/security-headers.ts';
import { expect, test } from './support/test.ts';

/** Everything but HSTS, which HTTPS adds: securityHeaderProblems expects plain HTTP. */
function documentProblems(headers: Record<string, string>, referrerPolicy?: string): string[] {
  const problems = securityHeaderProblems(headers, referrerPolicy).filter((p) => p !== 'HSTS over plain HTTP');
  if (!/^max-age=\d+/.test(headers['strict-transport-security'] ?? '')) problems.push('no HSTS over HTTPS');
  return problems;
}

for (const javaScriptEnabled of [true, false]) {
  test(`a message sent through nginx with JavaScript ${javaScriptEnabled ? 'on' : 'off'} reaches the outbox`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled, ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) blocked.push(message.text());
    });
    const form = await page.goto(`${throughNginx.baseURL}/contact/`);
    expect(documentProblems(form?.headers() ?? {}, 'same-origin')).toEqual([]);
    await fill(page, validStates[0]?.fill ?? {});
    const answers: Record<string, string>[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/contact') answers.push(response.headers());
    });
    await send(page);
    await expect(page).toHaveURL(/^https:\/\/127\.0\.0\.1:\d+\/contact\/sent\/\?ref=AW-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const reference = new URL(page.url()).searchParams.get('ref') ?? '';
    await expect(page.locator('.panel__reference')).toHaveText(reference);
    expect(answers.map((headers) => documentProblems(headers, headers['referrer-policy']))).toEqual([[]]);
    const stored = await readdir(path.resolve(throughNginx.outboxDir));
    expect(stored.filter((name) => name.endsWith(`-${reference}.eml`))).toHaveLength(1);
    expect(blocked).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });
}

// The search page: a stylesheet and scripts as files (a reading page carries its one stylesheet inside).
test('a page from nginx: the document set on the page, the asset set on what it loads', async ({ page }) => {
  const responses: { path: string; headers: Record<string, string>; status: number }[] = [];
  page.on('response', (response) => {
    responses.push({ path: new URL(response.url()).pathname, headers: response.headers(), status: response.status() });
  });
  await page.goto('/search/', { waitUntil: 'networkidle' });
  const problems: string[] = [];
  for (const { path: pathname, headers, status } of responses) {
    expect(status, pathname).toBe(200);
    const found = headerKind(pathname) === 'asset' ? assetHeaderProblems(headers) : documentProblems(headers);
    problems.push(...found.map((problem) => `${pathname}: ${problem}`));
  }
  expect(responses.some((response) => headerKind(response.path) === 'asset')).toBe(true);
  expect(problems).toEqual([]);
});

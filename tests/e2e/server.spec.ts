/**
 * What the server does the same whatever the content, checked once, on the shipped build and
 * without a browser: the contact form's pages and posts are valid HTML with the security
 * headers, and text is compressed and hashed files cached.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { htmlFindings } from './support/html-validation.ts';
import { rawGet } from './support/http.ts';
import { contactForm, onDemandPages, securityHeaderProblems } from './support/security-headers.ts';
import { expect, test } from './support/test.ts';

test('the pages the server renders for the contact form are valid HTML, with its errors too', async ({ baseURL }) => {
  const base = baseURL ?? '';
  const findings: string[] = [];
  for (const url of onDemandPages) {
    const response = await rawGet(new URL(url, base).href);
    expect(response.status, url).toBe(200);
    findings.push(...(await htmlFindings(url, response.body.toString('utf8'))));
  }
  const errors = await contactForm.postEmpty(base);
  expect(errors.status).toBe(422);
  findings.push(...(await htmlFindings('POST /api/contact (errors)', errors.body.toString('utf8'))));
  expect(findings).toEqual([]);
});

test('the contact form’s posts carry the security headers', async ({ baseURL }) => {
  const base = baseURL ?? '';
  const form = await contactForm.postEmpty(base);
  const json = await contactForm.postEmptyJson(base);
  expect([
    ...securityHeaderProblems(form.headers, contactForm.referrerPolicy).map((p) => `form (${form.status}): ${p}`),
    ...securityHeaderProblems(json.headers).map((p) => `JSON (${json.status}): ${p}`),
  ]).toEqual([]);
});

test('the server compresses text, not what is compressed already, and caches hashed files a year', async ({
  baseURL,
  distDir,
}) => {
  const base = baseURL ?? '';
  const client = path.join(distDir, 'client');
  const get = (url: string, encoding: string) => rawGet(new URL(url, base).href, { 'Accept-Encoding': encoding });
  const year = 'public, max-age=31536000, immutable';

  const page = await get('/privacy-policy/', 'gzip, br');
  expect(page.headers['content-encoding']).toBe('br');
  expect(page.headers['cache-control']).toBe('no-cache');
  expect((await get('/privacy-policy/', 'gzip')).headers['content-encoding']).toBe('gzip');

  const css = readdirSync(path.join(client, '_astro')).find((file) => file.endsWith('.css'));
  const asset = await get(`/_astro/${css ?? 'missing.css'}`, 'gzip');
  expect(asset.status).toBe(200);
  expect(asset.headers['content-encoding']).toBe('gzip');
  expect(asset.headers['cache-control']).toBe(year);

  // Pagefind writes its index gzip-compressed and names it by content.
  const fragment = readdirSync(path.join(client, 'pagefind/fragment'))[0];
  const searchFile = await get(`/pagefind/fragment/${fragment ?? 'missing'}`, 'gzip, br');
  expect(searchFile.status).toBe(200);
  expect(searchFile.headers['content-encoding']).toBeUndefined();
  expect(searchFile.headers['cache-control']).toBe(year);
  const runtime = await get('/pagefind/pagefind.js', 'gzip');
  expect(runtime.headers['content-encoding']).toBe('gzip');
  expect(runtime.headers['cache-control']).toBe('no-cache');
});

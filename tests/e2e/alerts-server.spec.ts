/**
 * The change alerts' pages and posts as the server sends them, without a browser: every page
 * and state is valid HTML (html-validate, the project's presets), and every response carries
 * the security headers, the forms' pages with `same-origin` (their posts must carry our Origin).
 */
import { htmlFindings } from './support/html-validation.ts';
import { rawGet, rawRequest } from './support/http.ts';
import { contactForm, securityHeaderProblems } from './support/security-headers.ts';
import { expect, test } from './support/test.ts';

const unknownToken = '0'.repeat(43);
const form = { 'Content-Type': 'application/x-www-form-urlencoded' };

test('every alerts page and state is valid HTML with the security headers', async ({ baseURL }) => {
  const base = baseURL ?? '';
  const origin = new URL(base).origin;
  const post = (path: string, body: string, headers: Record<string, string> = { ...form, Origin: origin }) =>
    rawRequest(new URL(path, base).href, { method: 'POST', headers, body });
  const responses = [
    { name: 'GET /subscribe/', status: 200, response: await rawGet(new URL('/subscribe/', base).href) },
    {
      name: 'POST /api/subscribe (errors)',
      status: 422,
      response: await post('/api/subscribe', 'email=nope&website=&started='),
    },
    {
      name: 'GET /subscribe/confirm/ (unknown link)',
      status: 404,
      response: await rawGet(new URL(`/subscribe/confirm/?token=${unknownToken}`, base).href),
    },
    {
      name: 'POST /subscribe/confirm/ (unknown link)',
      status: 404,
      response: await post('/subscribe/confirm/', `token=${unknownToken}&action=confirm`),
    },
    {
      name: 'GET /unsubscribe/',
      status: 200,
      response: await rawGet(new URL(`/unsubscribe/?token=${unknownToken}`, base).href),
    },
    {
      name: 'POST /unsubscribe/ (unknown link)',
      status: 404,
      response: await post('/unsubscribe/', `token=${unknownToken}&action=unsubscribe`),
    },
  ];
  const findings: string[] = [];
  for (const { name, status, response } of responses) {
    expect(response.status, name).toBe(status);
    findings.push(...(await htmlFindings(name, response.body.toString('utf8'))));
    findings.push(...securityHeaderProblems(response.headers, contactForm.referrerPolicy).map((p) => `${name}: ${p}`));
  }
  expect(findings).toEqual([]);
});

test('the one-click POST is answered by the server with a short text and the security headers', async ({ baseURL }) => {
  const url = new URL(`/api/unsubscribe?token=${unknownToken}`, baseURL).href;
  // As mail providers send it: no Origin, a form body. An unknown token is a 404, not Astro's 403.
  const unknown = await rawRequest(url, { method: 'POST', headers: form, body: 'List-Unsubscribe=One-Click' });
  expect(unknown.status).toBe(404);
  expect(unknown.headers['content-type']).toBe('text/plain; charset=utf-8');
  const badBody = await rawRequest(url, { method: 'POST', headers: form, body: 'unsubscribe=yes' });
  expect(badBody.status).toBe(400);
  const opened = await rawGet(url);
  expect(opened.status).toBe(303);
  expect(opened.headers.location).toBe(`/unsubscribe/?token=${unknownToken}`);
  expect([unknown, badBody, opened].flatMap((r) => securityHeaderProblems(r.headers))).toEqual([]);
});

test('the subscribe endpoint refuses what its form never sends, with a 4xx', async ({ baseURL }) => {
  const url = new URL('/api/subscribe', baseURL).href;
  const origin = new URL(baseURL ?? '').origin;
  const wrongType = await rawRequest(url, {
    method: 'POST',
    headers: { 'Content-Type': 'text/csv', Origin: origin },
    body: 'a',
  });
  expect(wrongType.status).toBe(415);
  const unknownField = await rawRequest(url, {
    method: 'POST',
    headers: { ...form, Origin: origin },
    body: 'email=a%40b.example&admin=1',
  });
  expect(unknownField.status).toBe(400);
  const json = await rawRequest(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: '{"email":""}',
  });
  expect(json.status).toBe(422);
  expect(JSON.parse(json.body.toString('utf8'))).toEqual({
    errors: [
      { field: 'email', message: 'Enter your email address', href: '#email' },
      { field: 'policies', message: 'Select at least one policy', href: '#policy-privacy-policy' },
    ],
    notices: [],
    // The start time the in-page form sends next: none was sent, so one the server just signed.
    started: expect.stringMatching(/^\d+\.[\w-]+$/) as unknown,
  });
  const crossSite = await rawRequest(url, {
    method: 'POST',
    headers: { ...form, Origin: 'https://evil.example' },
    body: 'email=a',
  });
  expect(crossSite.status).toBe(403);
});

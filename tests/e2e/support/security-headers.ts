/**
 * The security headers every response must carry (src/lib/server/headers.ts), as a list of
 * what is wrong with a response's headers, and the contact form's requests that the header and
 * HTML gates send besides the files of the build.
 */
import type http from 'node:http';
import type { HeaderKind } from '../../../src/lib/server/headers.ts';
import { rawRequest, type RawResponse } from './http.ts';

/** Pages the server renders on demand, so they are not files in the build. */
export const onDemandPages = ['/contact/', '/contact/sent/?ref=AW-0000-0000'];

export const contactForm = {
  /**
   * The contact form's page (also as shown again with errors) sends `same-origin`: under
   * `no-referrer` browsers post the form with `Origin: null`, which the origin check must refuse
   * (docs/decisions/0007-contact-outbox.md). Still nothing to any other site.
   */
  referrerPolicy: 'same-origin',
  /** An empty form posted without JavaScript: the contact page again, with every error. */
  postEmpty: (baseURL: string): Promise<RawResponse> =>
    rawRequest(new URL('/api/contact', baseURL).href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(baseURL).origin },
      body: 'name=&email=&message=',
    }),
  /** The same, as the script sends it. */
  postEmptyJson: (baseURL: string): Promise<RawResponse> =>
    rawRequest(new URL('/api/contact', baseURL).href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: new URL(baseURL).origin },
      body: '{}',
    }),
};

/**
 * What is wrong with an asset's headers (headers.ts `headerKind`): nosniff and CORP, and none
 * of the document-only set, which would only add bytes to every file a page loads.
 */
export function assetHeaderProblems(headers: http.IncomingHttpHeaders): string[] {
  const problems: string[] = [];
  if (headers['x-content-type-options'] !== 'nosniff') problems.push('no nosniff');
  if (headers['cross-origin-resource-policy'] !== 'same-origin') problems.push('no CORP same-origin');
  for (const name of ['content-security-policy', 'permissions-policy', 'x-frame-options', 'referrer-policy']) {
    if (headers[name] !== undefined) problems.push(`${name} on an asset`);
  }
  if (headers['set-cookie']) problems.push('sets a cookie');
  return problems;
}

export function securityHeaderProblems(
  headers: http.IncomingHttpHeaders,
  referrerPolicy = 'no-referrer',
  kind: HeaderKind = 'document',
): string[] {
  if (kind === 'asset') return assetHeaderProblems(headers);
  const problems: string[] = [];
  const csp = String(headers['content-security-policy'] ?? '');
  const directives = new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  const scriptSrc = directives.get('script-src') ?? directives.get('default-src') ?? [];
  if (scriptSrc.includes("'unsafe-inline'") || scriptSrc.includes("'unsafe-eval'")) problems.push('unsafe script-src');
  // Inline styles only by hash (the reading pages' stylesheet), never any inline style.
  const styleSrc = directives.get('style-src') ?? directives.get('default-src') ?? [];
  if (styleSrc.includes("'unsafe-inline'") || !styleSrc.every((source) => /^'(?:self|sha256-[\w+/=]+)'$/.test(source)))
    problems.push(`style-src is ${styleSrc.join(' ')}`);
  if (directives.get('default-src')?.join(' ') !== "'self'") problems.push("default-src is not 'self'");
  if (directives.get('frame-ancestors')?.join(' ') !== "'none'") problems.push("frame-ancestors is not 'none'");
  if (directives.get('form-action')?.join(' ') !== "'self'") problems.push("form-action is not 'self'");
  if (directives.get('base-uri')?.join(' ') !== "'self'") problems.push("base-uri is not 'self'");
  if (headers['x-content-type-options'] !== 'nosniff') problems.push('no nosniff');
  if (headers['referrer-policy'] !== referrerPolicy) problems.push(`referrer-policy is not ${referrerPolicy}`);
  // Every entry denies its feature outright, and the powerful ones are among them.
  const permissions = String(headers['permissions-policy'] ?? '').split(/,\s*/);
  if (!permissions.every((entry) => /^[a-z-]+=\(\)$/.test(entry))) problems.push('permissions-policy allows something');
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'browsing-topics']) {
    if (!permissions.includes(`${feature}=()`)) problems.push(`permissions-policy does not deny ${feature}`);
  }
  // frame-ancestors replaces it (decision 0018): sent again it would only add bytes.
  if (headers['x-frame-options']) problems.push('x-frame-options beside frame-ancestors');
  // Plain HTTP here: HSTS only over HTTPS (tests/integration/https-headers.test.ts).
  if (headers['strict-transport-security']) problems.push('HSTS over plain HTTP');
  if (headers['set-cookie']) problems.push('sets a cookie');
  return problems;
}

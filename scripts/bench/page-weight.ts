/**
 * Bytes a first view costs, per page type, measured in Chromium against the real server:
 * every URL the page requests, fetched again from the server twice to count the body bytes it
 * sends, uncompressed (`raw`) and to a client that accepts gzip (`gzip`; the server leaves small
 * and already compressed files as they are, and so does this count). The same count as the
 * budget test (tests/e2e/budgets.spec.ts).
 */
import { chromium, type Browser } from '@playwright/test';
import http from 'node:http';
import { chromiumArgs, chromiumPath } from '../chromium.ts';

export interface PageWeight {
  readonly page: string;
  readonly url: string;
  readonly requests: number;
  readonly html: { raw: number; gzip: number };
  readonly css: { raw: number; gzip: number };
  readonly js: { raw: number; gzip: number };
  readonly other: { raw: number; gzip: number };
  readonly total: { raw: number; gzip: number };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
}

type Kind = 'html' | 'css' | 'js' | 'other';

function kindOf(resourceType: string): Kind {
  if (resourceType === 'document') return 'html';
  if (resourceType === 'stylesheet') return 'css';
  if (resourceType === 'script') return 'js';
  return 'other';
}

/** Bytes of the body as the server sends it for this Accept-Encoding (not decompressed). */
export function bodyBytes(url: string, acceptEncoding: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'Accept-Encoding': acceptEncoding } }, (response) => {
        if ((response.statusCode ?? 0) >= 400) {
          reject(new Error(`${url}: ${response.statusCode ?? 0}`));
          response.resume();
          return;
        }
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => {
          resolve(bytes);
        });
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

export async function measurePage(browser: Browser, name: string, url: string): Promise<PageWeight> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen: { url: string; kind: Kind }[] = [];
  page.on('request', (request) => seen.push({ url: request.url(), kind: kindOf(request.resourceType()) }));
  await page.goto(url, { waitUntil: 'networkidle' });
  await context.close();
  const sums: Record<Kind, { raw: number; gzip: number }> = {
    html: { raw: 0, gzip: 0 },
    css: { raw: 0, gzip: 0 },
    js: { raw: 0, gzip: 0 },
    other: { raw: 0, gzip: 0 },
  };
  const unique = [...new Map(seen.map((request) => [request.url, request])).values()];
  for (const request of unique) {
    sums[request.kind].raw += await bodyBytes(request.url, 'identity');
    sums[request.kind].gzip += await bodyBytes(request.url, 'gzip');
  }
  const total = Object.values(sums).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), {
    raw: 0,
    gzip: 0,
  });
  return { page: name, url: new URL(url).pathname + new URL(url).search, requests: unique.length, ...sums, total };
}

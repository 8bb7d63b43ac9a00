/**
 * Bytes a first view costs, per page type, measured in Chromium against the real server:
 * every request the page makes, fetched again raw to count bytes as sent (identity and gzip).
 */
import { chromium, type Browser } from '@playwright/test';
import { gzipSync } from 'node:zlib';
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
  for (const request of seen) {
    const body = Buffer.from(await (await fetch(request.url)).arrayBuffer());
    sums[request.kind].raw += body.length;
    sums[request.kind].gzip += gzipSync(body, { level: 6 }).length;
  }
  const total = Object.values(sums).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), {
    raw: 0,
    gzip: 0,
  });
  return { page: name, url: new URL(url).pathname + new URL(url).search, requests: seen.length, ...sums, total };
}

/**
 * The inline stylesheets the build emitted, as Content-Security-Policy sources. The reading pages
 * carry their stylesheet in a `<style>` (no second request in a first view: issue 14's 8 KB), and
 * a CSP without 'unsafe-inline' admits an inline style only by the hash of its exact text. The
 * hashes are read from the built pages themselves, so the policy allows what was emitted and
 * nothing else: `_headers` and nginx's file get them at the end of the build (static-headers.ts),
 * and the Node server has them compiled in (production-server.ts, `INLINE_STYLE_HASHES`).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The text of each `<style>` element in a page, exactly as written. */
export function inlineStyles(html: string): string[] {
  return [...html.matchAll(/<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/g)].map((match) => match[1] ?? '');
}

/** The CSP source of a style's text: `sha256-…` of it, as the browser hashes it. */
export const styleHash = (text: string): string => `sha256-${createHash('sha256').update(text).digest('base64')}`;

/** `sha256-…` of each `<style>` element's text in a page. */
export function styleHashesIn(html: string): string[] {
  return inlineStyles(html).map(styleHash);
}

/** The build's hashes by folder: both integrations that need them ask in the same build. */
const scanned = new Map<string, Promise<string[]>>();

/**
 * Every distinct inline-style hash of the built pages under `clientDir`, sorted. Only each
 * page's head is read: Base.astro puts the one stylesheet there.
 */
export function builtStyleHashes(clientDir: string): Promise<string[]> {
  const key = path.resolve(clientDir);
  let hashes = scanned.get(key);
  if (!hashes) {
    hashes = scan(key);
    scanned.set(key, hashes);
  }
  return hashes;
}

async function scan(clientDir: string): Promise<string[]> {
  const hashes = new Set<string>();
  const entries = await readdir(clientDir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const html = await readFile(path.join(entry.parentPath, entry.name), 'utf8');
    const end = html.indexOf('</head>');
    const head = end === -1 ? html : html.slice(0, end);
    for (const hash of styleHashesIn(head)) hashes.add(hash);
  }
  return [...hashes].sort();
}

/**
 * Security and cache headers, in one place: the Node server sets them, and the build writes the
 * same rules to `_headers` for static hosts and to nginx's include file (static-headers.ts).
 * The site sets no cookies and loads nothing from other origins, so the policy can be strict.
 *
 * Documents (pages, feeds, formats, anything a browser may show) get the full set; assets (the
 * stylesheets, scripts and search index pages load, never shown by themselves) only what a
 * subresource needs (nosniff, CORP): CSP, Permissions-Policy, framing and referrer rules apply to
 * documents, and sending them again with every file was a third of a first view's bytes.
 */
import { lastEntry } from './forwarded.ts';

/** Compiled into the production server by production-server.ts: the build's inline-style hashes. */
declare const INLINE_STYLE_HASHES: readonly string[] | undefined;

/**
 * The inline stylesheets this process serves (inline-styles.ts): the build's, in the compiled
 * server; none where nothing was compiled in (the tests, the build's own tools pass theirs).
 */
export const servedStyleHashes: readonly string[] =
  typeof INLINE_STYLE_HASHES === 'undefined' ? [] : INLINE_STYLE_HASHES;

/**
 * Content-Security-Policy. Everything from our own origin only (`default-src`, which fonts,
 * connections and frames fall back to, so naming them again would only add bytes to every page);
 * styles also inline, each by the hash of its exact text (the reading pages' one stylesheet);
 * scripts as files (no inline script, no eval), 'wasm-unsafe-eval' so the search index
 * (Pagefind's WebAssembly) compiles; images also as `data:` (the icon); no plugins. The
 * directives that do not fall back to `default-src` are all named.
 */
export function contentSecurityPolicy(styleHashes: readonly string[] = servedStyleHashes): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    ...(styleHashes.length ? [`style-src 'self' ${styleHashes.map((hash) => `'${hash}'`).join(' ')}`] : []),
    "img-src 'self' data:",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
  ].join('; ');
}

/**
 * What a page could learn about its reader or spend of theirs, denied to every document: the
 * camera, the microphone, the location, payment; and the Topics API (ad interests, read by
 * third-party scripts: a privacy site opts out of it). No wider list: nothing is embedded (CSP
 * frames from 'self' only) and no script runs that we did not write, so each further name
 * (USB, serial, HID, Bluetooth, screen capture: each asked of the reader in a prompt first)
 * would only add bytes to every page; the full list was 330 of a first view's 8 KB. Only names
 * Chromium knows: an unknown one (the retired `interest-cohort`) is a console warning.
 */
export const permissionsPolicy = [
  'browsing-topics=()',
  'camera=()',
  'geolocation=()',
  'microphone=()',
  'payment=()',
].join(', ');

/**
 * Whether the client reached us over HTTPS: directly (TLS socket), or through a reverse proxy
 * that says so — trusted only when TRUST_PROXY is set, since any client can send the header.
 * Behind a chain (`https, http`) the last entry is the one our proxy wrote, as in forwarded.ts.
 */
export function requestIsHttps(
  request: { socket: object; headers: Record<string, string | string[] | undefined> },
  trustProxy: boolean,
): boolean {
  if ('encrypted' in request.socket && request.socket.encrypted === true) return true;
  if (!trustProxy) return false;
  return lastEntry(request.headers['x-forwarded-proto']) === 'https';
}

/** What a response is, for its headers. */
export type HeaderKind = 'document' | 'asset';

/**
 * Files pages load and browsers never show by themselves: Astro's bundles (`/_astro/`) and
 * Pagefind's files (`/pagefind/`), except any page or SVG there (an SVG opened alone can run script).
 */
export function headerKind(pathname: string): HeaderKind {
  return /^\/(?:_astro|pagefind)\/./.test(pathname) && !/\.(?:html?|svg)$/i.test(pathname) ? 'asset' : 'document';
}

/** What an asset needs: no MIME sniffing, and not readable by other sites. */
export const assetHeaders: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** What decides a document's headers: HTTPS or not, and the inline styles it may carry. */
export interface DocumentOptions {
  readonly https: boolean;
  /** The build's inline-style hashes; by default those this process serves. */
  readonly styleHashes?: readonly string[];
}

/** The headers for a response of `kind`; HSTS on documents over HTTPS (one response is enough). */
export function headersFor(kind: HeaderKind, options: DocumentOptions): Record<string, string> {
  return kind === 'asset' ? { ...assetHeaders } : securityHeaders(options);
}

/**
 * Headers for every document. HSTS only over HTTPS: browsers ignore it on plain HTTP. No
 * X-Frame-Options: the CSP's `frame-ancestors 'none'` replaces it in every browser since 2016.
 */
export function securityHeaders(options: DocumentOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options.styleHashes),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': permissionsPolicy,
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    ...(options.https ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

const immutable = 'public, max-age=31536000, immutable';

/**
 * Pagefind's folders of files named by a hash of their content, as static-host patterns (the
 * hashed `.pf_meta` beside them has no folder of its own; the Node server covers it too).
 */
const hashedSearchFiles = ['/pagefind/index/*', '/pagefind/fragment/*', '/pagefind/filter/*'];

/**
 * Cache-Control for a path: a year for files whose name changes with their content (Astro's
 * `/_astro/` bundles, Pagefind's index), otherwise `no-cache`, so pages and unhashed files are
 * revalidated and a new policy version shows at once.
 */
export function cacheControlFor(pathname: string): string {
  const hashed = /^\/(?:_astro\/.|pagefind\/(?:(?:index|fragment|filter)\/[^/]+|[^/]+\.pf_meta)$)/.test(pathname);
  return hashed ? immutable : 'no-cache';
}

/** The hashed files' Cache-Control, as nginx and static hosts write it. */
export const immutableCacheControl = immutable;

/** The asset folders as static-host patterns (`headerKind` says which files in them are assets). */
export const assetFolders = ['/_astro/*', '/pagefind/*'] as const;

/**
 * `styleHashes`: the build's inline stylesheets (inline-styles.ts), which documents' CSP admits.
 * The same rules in the `_headers` format read by static hosts (Cloudflare Pages, Netlify):
 * documents get the full set; in the asset folders the document-only headers are detached with
 * `! Name` (Cloudflare Pages' syntax; hosts that merge instead send the full set there, heavier
 * but as safe). Files named by their content are cached for a year.
 */
export function headersFile(styleHashes: readonly string[]): string {
  const documents = securityHeaders({ https: true, styleHashes });
  const documentOnly = Object.keys(documents).filter((name) => !(name in assetHeaders));
  const lines = ['/*'];
  for (const [name, value] of Object.entries(documents)) lines.push(`  ${name}: ${value}`);
  for (const folder of assetFolders) lines.push('', folder, ...documentOnly.map((name) => `  ! ${name}`));
  for (const pattern of ['/_astro/*', ...hashedSearchFiles]) lines.push('', pattern, `  Cache-Control: ${immutable}`);
  lines.push('');
  return lines.join('\n');
}

/**
 * Content types by file name or extension, where the generic table (`mime-types`, used by the
 * static file server for everything else) is wrong or missing for our files:
 * - feeds are Atom, other XML (the sitemap) is plain XML;
 * - `.brf` is Braille Ready Format: ASCII Braille, one cell per character, with no registered
 *   media type. `text/plain; charset=us-ascii` (what BANA's BRF files are: 7-bit text) lets
 *   browsers show it and embossers' and braille displays' software open it; the unregistered
 *   `application/x-brf` would only make browsers download an opaque file;
 * - Markdown as `text/markdown` (RFC 7763), the Word and EPUB containers by their registered types.
 * The formats module declares the same types for its links (src/lib/formats/*), and the e2e
 * formats test checks that they agree.
 */
export const contentTypes: Readonly<Record<string, string>> = {
  'feed.xml': 'application/atom+xml; charset=utf-8',
  // Evidence (docs/decisions/0016-verifiable-versions.md): the key list and SSH signatures are
  // text, shown by browsers; a time-stamp reply and a certificate have registered types.
  allowed_signers: 'text/plain; charset=utf-8',
  '.sig': 'text/plain; charset=utf-8',
  '.tsr': 'application/timestamp-reply',
  '.pem': 'application/pem-certificate-chain',
  '.xml': 'application/xml; charset=utf-8',
  '.brf': 'text/plain; charset=us-ascii',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.epub': 'application/epub+zip',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.pdf': 'application/pdf',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/** The content type of a file, by name then extension; undefined leaves it to the generic table. */
export function contentTypeFor(pathname: string): string | undefined {
  const name = pathname.slice(pathname.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return contentTypes[name] ?? (dot < 0 ? undefined : contentTypes[name.slice(dot)]);
}

/**
 * Files served as they are, never compressed again: Pagefind writes its index (`.pf_*`) and its
 * WebAssembly (`.pagefind`) gzip-compressed and decompresses them itself; the formats that are
 * zip containers (EPUB, Word) and PDFs with compressed streams gain nothing either.
 */
export function alreadyCompressed(pathname: string): boolean {
  return /\.(?:pf_[a-z]+|pagefind|epub|docx|pdf)$/.test(pathname);
}

/** The path of a request target (`/a/?q=1` → `/a/`): what the functions above are given. */
export function requestPath(url: string | undefined): string {
  return (url ?? '/').split('?')[0] ?? '/';
}

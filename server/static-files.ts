/**
 * The build's files (`dist/client`), served by `serve-static` (ETag, Range, HEAD),
 * with our content types (src/lib/server/headers.ts), and the directory rules of the site:
 * `/privacy-policy` is answered with a redirect to `/privacy-policy/`, built from the folder that
 * exists, never from the request's text (so `/\evil.example/%2e%2e` cannot become a redirect to
 * another site). The list of files is read once at start: the build never changes under a server.
 */
import { readdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import serveStatic from 'serve-static';
import { cacheControlFor, contentTypeFor, immutableCacheControl, requestPath } from '../src/lib/server/headers.ts';
import type { Next } from './pipeline.ts';

export interface StaticFiles {
  /** Whether a request path names a file or a page of the build (`/a/` for `/a/index.html`). */
  has(pathname: string): boolean;
  /** The middleware: serves a file, redirects to a folder's page, or passes the request on. */
  serve(req: IncomingMessage, res: ServerResponse, next: Next): void;
}

/** Every file under `dir`, as URL paths (`/privacy-policy/index.html`). */
function listFiles(dir: string): Set<string> {
  return new Set(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `/${path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')}`),
  );
}

/** The decoded path, if it is plain (no dot segments, backslashes or NUL); else null. */
function plainPath(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (/[\\\0]/.test(decoded) || path.posix.normalize(decoded) !== decoded) return null;
  return decoded;
}

export function staticFiles(clientDir: string): StaticFiles {
  const files = listFiles(clientDir);
  const options: serveStatic.ServeStaticOptions = {
    index: ['index.html'],
    // Folders without a slash are redirected below, from the file list.
    redirect: false,
    // The pipeline sets Cache-Control for every response (headers.ts cacheControlFor).
    cacheControl: false,
    // The ETag alone answers revalidation (If-None-Match): Last-Modified would only add bytes.
    lastModified: false,
    dotfiles: 'ignore',
    setHeaders: (res, filePath) => {
      // A precompressed copy is sent with its original's type (`index.html.br` is HTML).
      const type = contentTypeFor(filePath.replace(/\.(?:br|gz)$/, ''));
      if (type) res.setHeader('Content-Type', type);
    },
  };
  const serveFile = serveStatic(clientDir, options);
  // Files named by their content are cached for a year and never revalidated, nor fetched in
  // parts: an ETag and Accept-Ranges would be bytes on every first view for nothing.
  const serveHashed = serveStatic(clientDir, { ...options, etag: false, acceptRanges: false });
  // Pages (and their compressed copies) are read whole, a range of one is of no use: no Accept-Ranges
  // in a first view. The files people download (PDF, EPUB…) keep their ranges.
  const servePage = serveStatic(clientDir, { ...options, acceptRanges: false });
  const serve = (req: IncomingMessage, res: ServerResponse, next: Next) => {
    const pathname = requestPath(req.url);
    if (cacheControlFor(pathname) === immutableCacheControl) serveHashed(req, res, next);
    else if (/(?:\/|\.html(?:\.br|\.gz)?)$/.test(pathname)) servePage(req, res, next);
    else serveFile(req, res, next);
  };

  const has = (pathname: string): boolean => {
    const plain = plainPath(pathname);
    if (plain === null) return false;
    return files.has(plain.endsWith('/') ? `${plain}index.html` : plain);
  };

  return {
    has,
    serve(req, res, next) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        next();
        return;
      }
      const [pathname = '/', query] = (req.url ?? '/').split(/\?(.*)/s);
      const plain = plainPath(pathname);
      if (plain !== null && !plain.endsWith('/') && files.has(`${plain}/index.html`)) {
        res.statusCode = 301;
        res.setHeader('Location', `${encodeURI(`${plain}/`)}${query === undefined ? '' : `?${query}`}`);
        res.end();
        return;
      }
      if (plain !== null) useCompressedCopy(req, res, plain, files);
      serve(req, res, next);
    },
  };
}

/**
 * Points the request at `file.br` or `file.gz` (src/integrations/precompress.ts) when the build
 * made one and the client takes it; the compression step then leaves the answer alone (it is
 * encoded already). Ranges are of the file itself: they are served uncompressed.
 */
function useCompressedCopy(req: IncomingMessage, res: ServerResponse, plain: string, files: Set<string>): void {
  if (req.headers.range) return;
  const file = plain.endsWith('/') ? `${plain}index.html` : plain;
  const accepted = req.headers['accept-encoding'] ?? '';
  res.setHeader('Vary', 'Accept-Encoding');
  for (const [encoding, extension] of [
    ['br', '.br'],
    ['gzip', '.gz'],
  ] as const) {
    if (!files.has(`${file}${extension}`) || !acceptsEncoding(accepted, encoding)) continue;
    res.setHeader('Content-Encoding', encoding);
    req.url = encodeURI(`${file}${extension}`);
    return;
  }
}

/** Whether `Accept-Encoding` allows `encoding` (listed, or `*`, and not with q=0). */
export function acceptsEncoding(header: string, encoding: string): boolean {
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...parameters] = part.trim().split(';');
    if (name.trim() !== encoding && name.trim() !== '*') continue;
    const q = parameters.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    return q === undefined || Number(q) > 0;
  }
  return false;
}

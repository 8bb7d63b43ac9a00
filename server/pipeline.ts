/**
 * The request pipeline of the production server, in order: request target checks, forwarded
 * headers, security and cache headers, `/healthz`, compression, the build's files, Astro's
 * on-demand routes (the adapter's handler in middleware mode), then the 404 page.
 * Each step is connect-style, `(req, res, next)`; no step rewrites another's headers.
 */
import compression from 'compression';
import { readFileSync } from 'node:fs';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { normalizeForwardedHeaders } from '../src/lib/server/forwarded.ts';
import {
  alreadyCompressed,
  cacheControlFor,
  headerKind,
  headersFor,
  requestIsHttps,
  requestPath,
  securityHeaders,
} from '../src/lib/server/headers.ts';
import { staticFiles } from './static-files.ts';

export type Next = (error?: unknown) => void;
type Step = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

/** The adapter's handler in middleware mode: `locals` become Astro's `context.locals`. */
export type AstroHandler = (req: IncomingMessage, res: ServerResponse, next: Next, locals?: App.Locals) => unknown;

export interface SiteOptions {
  /** The build's `client` folder. */
  readonly clientDir: string;
  readonly astro: AstroHandler;
  /** Given to every on-demand route (the contact services). */
  readonly locals: () => App.Locals;
  readonly trustProxy: boolean;
  /** `/healthz`: whether the server can do its work, if not why, and counts (never an address). */
  readonly health: () => {
    ok: boolean;
    problems: readonly string[];
    counts?: Readonly<Record<string, number>>;
  };
  /**
   * Paths the server answers itself, before compression and Astro: the RFC 8058 one-click
   * unsubscribe, which mail providers post without the `Origin` Astro's check requires.
   */
  readonly serverRoutes?: Readonly<Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>>>;
}

/** A short plain-text answer (errors other than 404): the status and nothing of ours. */
export function plainStatus(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  const body = `${status} ${STATUS_CODES[status] ?? ''}\n`;
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/**
 * The request target as a path: origin-form as it is, absolute-form (`GET http://host/a`, which
 * servers must accept) reduced to its path; anything else (`OPTIONS *`, `CONNECT host:443`), a
 * path that does not decode, or one with a backslash or dot segment is refused (null: 400).
 */
export function originForm(target: string | undefined): string | null {
  let pathAndQuery = target ?? '';
  if (/^https?:\/\//i.test(pathAndQuery)) {
    try {
      const url = new URL(pathAndQuery);
      pathAndQuery = `${url.pathname}${url.search}`;
    } catch {
      return null;
    }
  }
  if (!pathAndQuery.startsWith('/')) return null;
  let pathname: string;
  try {
    decodeURI(pathAndQuery);
    pathname = decodeURIComponent(pathAndQuery.split('?')[0] ?? '');
  } catch {
    return null;
  }
  // Browsers send neither: a backslash or a dot segment (even encoded) only tries to climb out
  // of the site or to make a redirect to another one (`/\evil.example/%2e%2e`).
  if (pathname.includes('\\') || /(?:^|\/)\.\.?(?:\/|$)/.test(pathname)) return null;
  return pathAndQuery;
}

/** Runs `steps` in order; an error skips to `onError`. */
function chain(steps: readonly Step[], onError: (error: unknown, req: IncomingMessage, res: ServerResponse) => void) {
  return (req: IncomingMessage, res: ServerResponse) => {
    let index = 0;
    const next: Next = (error) => {
      if (error !== undefined) {
        onError(error, req, res);
        return;
      }
      const step = steps[index++];
      if (!step) return;
      try {
        step(req, res, next);
      } catch (thrown) {
        onError(thrown, req, res);
      }
    };
    next();
  };
}

/** The status a thrown error asks for (send's 416, 403, …), or 500 for anything else. */
function errorStatus(error: unknown): { status: number; headers: Record<string, string> } {
  const { status, statusCode, headers } = (error ?? {}) as {
    status?: unknown;
    statusCode?: unknown;
    headers?: unknown;
  };
  const code = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : 500;
  if (code < 400 || code > 499) return { status: 500, headers: {} };
  return { status: code, headers: (headers ?? {}) as Record<string, string> };
}

export function siteHandler(options: SiteOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const files = staticFiles(options.clientDir);
  const notFoundPage = readFileSync(path.join(options.clientDir, '404.html'));
  const compress = compression({
    threshold: 512,
    // Pagefind's index and WebAssembly are gzip files already: compressing them again adds bytes.
    // A range of a file is sent as it is: its offsets count the file's own bytes.
    filter: (req, res) =>
      !alreadyCompressed(requestPath(req.url)) && !res.getHeader('Content-Range') && compression.filter(req, res),
  }) as unknown as Step;

  const steps: Step[] = [
    (req, res, next) => {
      normalizeForwardedHeaders(req.headers, options.trustProxy);
      const https = requestIsHttps(req, options.trustProxy);
      const target = originForm(req.url);
      const kind = target === null ? 'document' : headerKind(requestPath(target));
      for (const [name, value] of Object.entries(headersFor(kind, { https }))) res.setHeader(name, value);
      if (target === null) {
        plainStatus(res, 400);
        return;
      }
      req.url = target;
      // Pages are revalidated on every visit so a new version shows at once; hashed files get a year.
      res.setHeader('Cache-Control', cacheControlFor(requestPath(req.url)));
      next();
    },
    (req, res, next) => {
      if (requestPath(req.url) !== '/healthz') {
        next();
        return;
      }
      const { ok, problems, counts } = options.health();
      // The details name folders and references: for the machine itself (a monitor on loopback).
      // Behind the proxy every request comes from loopback: then the client is the one it names.
      const forwardedFor = options.trustProxy ? req.headers['x-forwarded-for'] : undefined;
      const client = typeof forwardedFor === 'string' ? forwardedFor : (req.socket.remoteAddress ?? '');
      const local = /^(?:127\.|::1$|::ffff:127\.)/.test(client);
      const details = local ? { problems, ...(counts ? { counts } : {}) } : {};
      const body = `${JSON.stringify({ status: ok ? 'ok' : 'failing', ...details })}\n`;
      res.writeHead(ok ? 200 : 503, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(body);
    },
    (req, res, next) => {
      const route = options.serverRoutes?.[requestPath(req.url)];
      if (!route) {
        next();
        return;
      }
      route(req, res).catch(next);
    },
    compress,
    (req, res, next) => {
      // The build's files are read-only: other methods get 405, with what they can use instead.
      if (req.method !== 'GET' && req.method !== 'HEAD' && files.has(requestPath(req.url))) {
        plainStatus(res, 405, { Allow: 'GET, HEAD' });
        return;
      }
      files.serve(req, res, next);
    },
    (req, res, next) => {
      Promise.resolve(options.astro(req, res, next, options.locals())).catch(next);
    },
    (req, res) => {
      res.statusCode = 404;
      // A page, even where assets live (`/_astro/gone.css`): the document's full set.
      const https = requestIsHttps(req, options.trustProxy);
      for (const [name, value] of Object.entries(securityHeaders({ https }))) res.setHeader(name, value);
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Content-Length', notFoundPage.length);
      res.end(req.method === 'HEAD' ? undefined : notFoundPage);
    },
  ];

  return chain(steps, (error, req, res) => {
    const { status, headers } = errorStatus(error);
    if (status === 500) console.error(`[server] ${req.method ?? ''} ${requestPath(req.url)} failed:`, error);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    plainStatus(res, status, headers);
  });
}

/**
 * The production server: the Astro node adapter's handler (static files and on-demand routes),
 * wrapped to add what the adapter does not do itself — security headers on every response,
 * compression, cache lifetimes and a few content types. See docs/decisions/0002-server.md.
 * It also starts the contact outbox's delivery loop, so messages waiting from before a restart
 * are sent without waiting for a request (docs/decisions/0007-contact-outbox.md).
 *
 * Run: `node --import tsx server/main.ts` (npm run serve). HOST, PORT and OUT_DIR as for Astro;
 * the contact form's settings (SMTP_URL, SUPPORT_EMAIL, OUTBOX_DIR, …) are in the README.
 */
import compression from 'compression';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { contactConfig } from '../src/lib/contact/config.ts';
import { startDelivery } from '../src/lib/contact/outbox.ts';
import { normalizeForwardedHeaders } from '../src/lib/server/forwarded.ts';
import {
  alreadyCompressed,
  cacheControlFor,
  contentTypeFor,
  requestIsHttps,
  requestPath,
  securityHeaders,
} from '../src/lib/server/headers.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4321);
const outDir = path.resolve(process.env.OUT_DIR ?? 'dist');

// The adapter's entry starts its own server unless told not to; we start ours instead.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const entry = (await import(pathToFileURL(path.join(outDir, 'server/entry.mjs')).href)) as { handler: Handler };

const compress = compression({
  threshold: 512,
  // Pagefind's index and WebAssembly are gzip files already: compressing them again adds bytes.
  filter: (req, res) => !alreadyCompressed(requestPath(req.url)) && compression.filter(req, res),
});
const trustProxy = process.env.TRUST_PROXY === 'true';

/** Override the content type for file extensions the static server gets wrong. */
function fixContentType(pathname: string, res: ServerResponse): void {
  const type = contentTypeFor(pathname);
  if (!type) return;
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) =>
    name.toLowerCase() === 'content-type' ? setHeader(name, type) : setHeader(name, value);
}

// Before the first request: resume delivering whatever the outbox holds. The endpoint finds
// this loop through a globalThis registry and only nudges it.
const delivery = startDelivery(contactConfig());

const server = http.createServer((req, res) => {
  normalizeForwardedHeaders(req.headers, trustProxy);
  for (const [name, value] of Object.entries(securityHeaders({ https: requestIsHttps(req, trustProxy) })))
    res.setHeader(name, value);
  // Pages are revalidated on every visit so a new version shows at once; hashed assets get a
  // year (/_astro/… from the adapter, which overrides this; Pagefind's index from here).
  const pathname = requestPath(req.url);
  res.setHeader('Cache-Control', cacheControlFor(pathname));
  fixContentType(pathname, res);
  compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], () => {
    entry.handler(req, res);
  });
});

server.listen(port, host, () => {
  // The real port: PORT=0 asks the system for a free one (the integration tests do).
  const address = server.address();
  const listening = typeof address === 'object' && address ? address.port : port;
  console.log(`AllWork Policies listening on http://${host}:${listening}/`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => {
      void delivery.stop().finally(() => process.exit(0));
    });
    // Keep-alive connections would hold close() open; end them.
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 3000).unref();
  });
}

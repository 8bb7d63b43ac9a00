/**
 * The production server: the Astro node adapter's handler (static files and on-demand routes),
 * wrapped to add what the adapter does not do itself — security headers on every response,
 * compression, cache lifetimes and a few content types. See docs/decisions/0002-server.md.
 *
 * Run: `node --import tsx server/main.ts` (npm run serve). HOST, PORT and OUT_DIR as for Astro.
 */
import compression from 'compression';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { extraContentTypes, requestIsHttps, securityHeaders } from '../src/lib/server/headers.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4321);
const outDir = path.resolve(process.env.OUT_DIR ?? 'dist');

// The adapter's entry starts its own server unless told not to; we start ours instead.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const entry = (await import(pathToFileURL(path.join(outDir, 'server/entry.mjs')).href)) as { handler: Handler };

const compress = compression({ threshold: 512 });
const trustProxy = process.env.TRUST_PROXY === 'true';

/** Override the content type for file extensions the static server gets wrong. */
function fixContentType(req: IncomingMessage, res: ServerResponse): void {
  const pathname = (req.url ?? '/').split('?')[0] ?? '/';
  const type = extraContentTypes[path.extname(pathname)];
  if (!type) return;
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) =>
    name.toLowerCase() === 'content-type' ? setHeader(name, type) : setHeader(name, value);
}

const server = http.createServer((req, res) => {
  for (const [name, value] of Object.entries(securityHeaders({ https: requestIsHttps(req, trustProxy) })))
    res.setHeader(name, value);
  // Pages are revalidated on every visit so a new version shows at once; hashed assets
  // (/_astro/…) get a year from the adapter.
  res.setHeader('Cache-Control', 'no-cache');
  fixContentType(req, res);
  compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], () => {
    entry.handler(req, res);
  });
});

server.listen(port, host, () => {
  console.log(`AllWork Policies listening on http://${host}:${port}/`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    // Keep-alive connections would hold close() open; end them.
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 3000).unref();
  });
}

// @ts-check
import node from '@astrojs/node';
import { defineConfig, passthroughImageService } from 'astro/config';
import { emptyOutDir } from './src/integrations/empty-out-dir.ts';
import { formatsPool } from './src/integrations/formats-pool.ts';
import { precompress } from './src/integrations/precompress.ts';
import { productionServer } from './src/integrations/production-server.ts';
import { provenanceSnapshot } from './src/integrations/provenance-snapshot.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { serverBundle } from './src/integrations/server-bundle.ts';
import { sitemap } from './src/integrations/sitemap.ts';
import { staticHeaders } from './src/integrations/static-headers.ts';
import { allowedDomains } from './src/lib/server/allowed-hosts.ts';
import { site } from './src/site.config.ts';

const port = Number(process.env.PORT ?? 4321);
const siteUrl = process.env.SITE_URL ?? site.siteUrl;
const compressed = precompress();

export default defineConfig({
  site: siteUrl,
  output: 'static',
  // Tests build the fixture content into another folder (see package.json "build:fixtures").
  outDir: process.env.OUT_DIR ?? './dist',
  // Middleware mode: the adapter renders on-demand routes; server/main.ts is the server.
  adapter: node({ mode: 'middleware' }),
  trailingSlash: 'ignore',
  // Astro inlines no stylesheet of its own accord: Base.astro decides (the reading pages' one in
  // the page, allowed by the CSP by its hash: src/lib/server/inline-styles.ts; site.css as a file).
  // concurrency: eight pages of a route rendered at once. One at a time, the build waited on its
  // own file reads and writes most of the time it prerendered (decision 0020).
  build: { inlineStylesheets: 'never', format: 'directory', concurrency: 8 },
  // No image processing: the site has no raster images, and this keeps sharp out of the build.
  image: { service: passthroughImageService() },
  // provenanceSnapshot: git read before the content sync, so the collection's loader never waits.
  // emptyOutDir: the previous build's files deleted in the background, not before Vite starts.
  // serverBundle: the server's bundle is not tree-shaken (the browser's is).
  // formatsPool: format files rendered in worker threads. searchIndex: the Pagefind index of the
  // policy text, built once the pages are written. compressed: .br and .gz copies of the text
  // files, those of the pages while Pagefind indexes them, then those of Pagefind's bundle.
  integrations: [
    provenanceSnapshot(),
    emptyOutDir(),
    serverBundle(),
    formatsPool(),
    staticHeaders(),
    sitemap(),
    compressed.start,
    searchIndex(),
    compressed.finish,
    productionServer(),
  ],
  devToolbar: { enabled: false },
  server: { host: process.env.HOST ?? '127.0.0.1', port },
  // The contact form's POST /api/contact is on demand: Astro refuses cross-site form posts
  // (checkOrigin), judging "same site" by the hosts allowed here (ALLOWED_HOSTS, read at build).
  security: { checkOrigin: true, allowedDomains: allowedDomains(process.env.ALLOWED_HOSTS, siteUrl) },
  // One stylesheet per page, from Base.astro (src/styles/reading.css as an `?inline` import, in
  // the page; site.css as a `?url` file); cssCodeSplit off keeps any CSS a component might import
  // in one file too.
  vite: { build: { assetsInlineLimit: 0, cssCodeSplit: false } },
});

import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  alreadyCompressed,
  cacheControlFor,
  contentTypeFor,
  headerKind,
  headersFile,
  headersFor,
  requestIsHttps,
  requestPath,
  securityHeaders,
} from '../../src/lib/server/headers.ts';

const styleHash = 'sha256-v3GGGfiwXZKAtK/PoqTalfrPeZoBEV80S/V9+74RJas=';

describe('security headers', () => {
  it('never allows inline or eval for scripts', () => {
    const csp = contentSecurityPolicy([styleHash]);
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src')) ?? '';
    expect(scriptSrc).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('allows an inline style by its hash only, and says nothing of styles when there is none', () => {
    expect(contentSecurityPolicy([styleHash])).toContain(`; style-src 'self' '${styleHash}'; `);
    expect(contentSecurityPolicy([styleHash])).not.toContain("'unsafe-inline'");
    // Outside the compiled server nothing is compiled in: no style-src, styles fall back to 'self'.
    expect(contentSecurityPolicy()).not.toContain('style-src');
    expect(securityHeaders({ https: true, styleHashes: [styleHash] })['Content-Security-Policy']).toBe(
      contentSecurityPolicy([styleHash]),
    );
  });

  it('leaves to default-src only what it allows: our own origin', () => {
    const directives = new Map(
      contentSecurityPolicy()
        .split('; ')
        .map((d) => [d.split(' ')[0] ?? '', d.split(' ').slice(1).join(' ')]),
    );
    expect(directives.get('default-src')).toBe("'self'");
    // The fetch directives that fall back to default-src: each is 'self', said once or again.
    for (const name of [
      'style-src',
      'font-src',
      'connect-src',
      'frame-src',
      'media-src',
      'worker-src',
      'manifest-src',
    ]) {
      expect(directives.get(name) ?? directives.get('default-src'), name).toBe("'self'");
    }
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('img-src')).toBe("'self' data:");
    // These never fall back to default-src, so they must be named.
    expect(directives.get('form-action')).toBe("'self'");
    expect(directives.get('base-uri')).toBe("'self'");
  });

  it('sends HSTS only over HTTPS', () => {
    expect(securityHeaders({ https: false })['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders({ https: true })['Strict-Transport-Security']).toMatch(/^max-age=\d+/);
  });

  it('trusts X-Forwarded-Proto only behind a configured proxy', () => {
    const viaProxy = { socket: {}, headers: { 'x-forwarded-proto': 'https' } };
    expect(requestIsHttps(viaProxy, false)).toBe(false);
    expect(requestIsHttps(viaProxy, true)).toBe(true);
    expect(requestIsHttps({ socket: { encrypted: true }, headers: {} }, false)).toBe(true);
    // A chain: our proxy's entry is the last one.
    expect(requestIsHttps({ socket: {}, headers: { 'x-forwarded-proto': 'http, https' } }, true)).toBe(true);
    expect(requestIsHttps({ socket: {}, headers: { 'x-forwarded-proto': 'https, http' } }, true)).toBe(false);
  });

  it('sends the full set with documents, and with assets only what they need', () => {
    for (const asset of [
      '/_astro/Base.Cx3b1f2a.css',
      '/_astro/compare.a1.js',
      '/pagefind/pagefind.js',
      '/pagefind/index/en_1.pf_index',
    ]) {
      expect(headerKind(asset), asset).toBe('asset');
    }
    for (const document of [
      '/',
      '/privacy-policy/',
      '/feed.xml',
      '/favicon.svg',
      '/_astro/icon.svg',
      '/p/1/p-1.pdf',
      '/_astro/',
    ]) {
      expect(headerKind(document), document).toBe('document');
    }
    expect(headersFor('asset', { https: true })).toEqual({
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    expect(headersFor('document', { https: true })).toEqual(securityHeaders({ https: true }));
  });

  it('detaches the document-only headers from the asset folders in _headers', () => {
    expect(headersFile([])).toContain('/_astro/*\n  ! Content-Security-Policy\n');
    expect(headersFile([])).toContain('/pagefind/*\n  ! Content-Security-Policy\n');
    expect(headersFile([])).toMatch(/\/_astro\/\*\n(?: {2}! [\w-]+\n)*  ! Permissions-Policy\n/);
    expect(headersFile([])).not.toMatch(/! (?:X-Content-Type-Options|Cross-Origin-Resource-Policy)/);
  });

  it('writes the same policy to _headers for static hosts', () => {
    expect(headersFile([])).toContain(`  Content-Security-Policy: ${contentSecurityPolicy()}`);
    expect(headersFile([styleHash])).toContain(`  Content-Security-Policy: ${contentSecurityPolicy([styleHash])}\n`);
    expect(headersFile([])).toMatch(/^\/\*\n/);
  });

  it('serves feeds as Atom, the sitemap as XML, and Braille-ready files as text', () => {
    expect(contentTypeFor('/privacy-policy/feed.xml')).toMatch(/^application\/atom\+xml/);
    expect(contentTypeFor('/sitemap.xml')).toMatch(/^application\/xml/);
    expect(contentTypeFor('/privacy-policy/2024-04-25/privacy-policy-2024-04-25.brf')).toMatch(/^text\/plain/);
    expect(contentTypeFor('/privacy-policy/')).toBeUndefined();
  });

  it('serves the alternative formats by their registered types', () => {
    expect(contentTypeFor('/p/2024-04-25/p-2024-04-25.md')).toBe('text/markdown; charset=utf-8');
    expect(contentTypeFor('/p/2024-04-25/p-2024-04-25.epub')).toBe('application/epub+zip');
    expect(contentTypeFor('/p/2024-04-25/p-2024-04-25.docx')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(contentTypeFor('/p/2024-04-25/p-2024-04-25.brf')).toBe('text/plain; charset=us-ascii');
  });

  it('leaves files that are compressed already as they are', () => {
    expect(alreadyCompressed('/pagefind/index/en_2e44d34.pf_index')).toBe(true);
    expect(alreadyCompressed('/pagefind/wasm.en.pagefind')).toBe(true);
    expect(alreadyCompressed(requestPath('/privacy-policy/2024-04-25/privacy-policy-2024-04-25.epub?x=1'))).toBe(true);
    expect(alreadyCompressed('/pagefind/pagefind.js')).toBe(false);
    expect(alreadyCompressed('/privacy-policy/')).toBe(false);
    expect(alreadyCompressed('/privacy-policy/2024-04-25/privacy-policy-2024-04-25.txt')).toBe(false);
  });

  it('caches files named by their content for a year, everything else revalidated', () => {
    const year = 'public, max-age=31536000, immutable';
    expect(cacheControlFor('/pagefind/index/en_2e44d34.pf_index')).toBe(year);
    expect(cacheControlFor('/pagefind/fragment/en_5bae1be.pf_fragment')).toBe(year);
    expect(cacheControlFor('/pagefind/pagefind.en_f51e799935.pf_meta')).toBe(year);
    expect(cacheControlFor('/_astro/Base.Cx3b1f2a.css')).toBe(year);
    expect(cacheControlFor('/_astro/')).toBe('no-cache');
    expect(cacheControlFor('/pagefind/pagefind.js')).toBe('no-cache');
    expect(cacheControlFor('/pagefind/wasm.en.pagefind')).toBe('no-cache');
    expect(cacheControlFor(requestPath('/privacy-policy/?x=/pagefind/index/a'))).toBe('no-cache');
    expect(headersFile([])).toContain('/pagefind/fragment/*\n  Cache-Control: public, max-age=31536000, immutable');
  });
});

/**
 * Requests a browser would not send, answered by the real server (`node dist/server/main.mjs`)
 * with a 4xx and never a 500 or a stack trace; what a 404 is served as; redirects that cannot
 * leave the site; and one reading of the trusted proxy's headers for HSTS and Astro alike.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiteServer } from '../helpers/site-server.ts';

let outbox: string;
let server: SiteServer;

/** Sends `head` as written (request line and headers) and returns the status and headers. */
function raw(head: string): Promise<{ status: number; headers: string; body: string }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => {
      socket.write(`${head}\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [headers = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1] ?? 0), headers, body });
    });
  });
}

const epub = `/privacy-policy/${readdirSync('dist/client/privacy-policy').find((name) => /^\d{4}-/.test(name)) ?? ''}`;
const epubUrl = () => {
  const version = epub.split('/').at(-1) ?? '';
  return `${epub}/privacy-policy-${version}.epub`;
};

beforeAll(async () => {
  outbox = await mkdtemp(path.join(tmpdir(), 'server-requests-'));
  server = await SiteServer.start({ OUTBOX_DIR: outbox, TRUST_PROXY: 'true' });
});

afterAll(async () => {
  await server.stop();
  await rm(outbox, { recursive: true, force: true });
});

describe('malformed or unusual requests get a 4xx, never a 500', () => {
  it('a range that ends before it starts, or starts past the end: 416 with the file size', async () => {
    for (const range of ['bytes=5-1', 'bytes=99999999-']) {
      const response = await fetch(`${server.url}${epubUrl()}`, { headers: { Range: range } });
      expect(response.status, range).toBe(416);
      expect(response.headers.get('content-range'), range).toMatch(/^bytes \*\/\d+$/);
      expect(await response.text()).not.toMatch(/at .+:\d+:\d+/);
    }
    const part = await fetch(`${server.url}${epubUrl()}`, { headers: { Range: 'bytes=0-9' } });
    expect(part.status).toBe(206);
    expect((await part.arrayBuffer()).byteLength).toBe(10);
  });

  it('an absolute-form request target is answered as its path', async () => {
    const response = await raw('GET http://x/privacy-policy/ HTTP/1.1');
    expect(response.status).toBe(200);
    expect(response.headers).toMatch(/content-type: text\/html/i);
    const redirect = await raw('GET http://x/privacy-policy HTTP/1.1');
    expect(redirect.status).toBe(301);
    expect(redirect.headers).toMatch(/\r\nlocation: \/privacy-policy\/\r\n/i);
  });

  it('OPTIONS * and targets that are not paths: 400, with the security headers', async () => {
    for (const line of ['OPTIONS * HTTP/1.1', 'GET /%E0%A4%A HTTP/1.1']) {
      const response = await raw(line);
      expect(response.status, line).toBe(400);
      expect(response.headers, line).toMatch(/content-security-policy: default-src 'self'/i);
    }
  });

  it('PUT and DELETE on pages and files: 405 with Allow', async () => {
    for (const [method, url] of [
      ['PUT', '/privacy-policy/'],
      ['DELETE', '/privacy-policy/'],
      ['PUT', epubUrl()],
      ['DELETE', '/'],
    ] as const) {
      const response = await fetch(`${server.url}${url}`, { method });
      expect(response.status, `${method} ${url}`).toBe(405);
      expect(response.headers.get('allow'), `${method} ${url}`).toBe('GET, HEAD');
    }
  });
});

describe('a 404', () => {
  it('is the HTML not-found page whatever extension was asked for', async () => {
    for (const url of ['/foo.epub', '/foo.docx', '/foo.brf', '/foo.md', '/no-such-page/', `${epub}/missing.pdf`]) {
      const response = await fetch(`${server.url}${url}`);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-type'), url).toBe('text/html; charset=utf-8');
      expect(await response.text(), url).toMatch(/<html/i);
    }
  });
});

describe('redirects', () => {
  it('never point to another site: backslashes and dot segments are refused', async () => {
    for (const url of [
      '/\\evil.example/%2e%2e',
      '/%5Cevil.example/%2e%2e/',
      '/privacy-policy/%2e%2e',
      '/\\evil.example',
    ]) {
      const response = await raw(`GET ${url} HTTP/1.1`);
      expect(response.status, url).toBe(400);
      expect(response.headers, url).not.toMatch(/\r\nlocation:/i);
    }
  });

  it('a folder without its slash goes to the same folder with it, keeping the query', async () => {
    const response = await fetch(`${server.url}/privacy-policy?from=feed`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/privacy-policy/?from=feed');
  });
});

describe('behind the trusted proxy (TRUST_PROXY=true)', () => {
  /** An empty JSON post: 422 when Astro's origin check passes, 403 when it does not. */
  const postAs = (origin: string, forwardedProto: string) =>
    fetch(`${server.url}/api/contact`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin, 'X-Forwarded-Proto': forwardedProto },
      body: '{}',
    });

  it('HSTS and Astro read the same X-Forwarded-Proto entry: the last, the one the proxy added', async () => {
    const httpsOrigin = server.url.replace('http:', 'https:');
    const viaHttps = await postAs(httpsOrigin, 'http, https');
    expect(viaHttps.status).toBe(422);
    expect(viaHttps.headers.get('strict-transport-security')).toMatch(/^max-age=/);

    const viaHttp = await postAs(httpsOrigin, 'https, http');
    expect(viaHttp.status).toBe(403);
    expect(viaHttp.headers.get('strict-transport-security')).toBeNull();
    expect((await postAs(server.url, 'https, http')).status).toBe(422);
  });
});

describe('precompressed copies', () => {
  it('are sent to clients that take them, with the page type; ranges and others get the file itself', async () => {
    const page = readFileSync('dist/client/privacy-policy/index.html');
    const br = await raw('GET /privacy-policy/ HTTP/1.1\r\nAccept-Encoding: gzip, deflate, br');
    expect(br.headers).toMatch(/\r\nContent-Encoding: br\r\n/i);
    expect(br.headers).toMatch(/\r\nContent-Type: text\/html; charset=utf-8\r\n/i);
    expect(br.headers).toMatch(/\r\nVary: Accept-Encoding\r\n/i);
    const brotli = readFileSync('dist/client/privacy-policy/index.html.br');
    expect(brotliDecompressSync(brotli)).toEqual(page);
    expect(br.headers).toMatch(new RegExp(`\\r\\nContent-Length: ${brotli.length}\\r\\n`, 'i'));
    const gzip = await raw('GET /privacy-policy/ HTTP/1.1\r\nAccept-Encoding: gzip');
    expect(gzip.headers).toMatch(/\r\nContent-Encoding: gzip\r\n/i);
    const none = await raw('GET /privacy-policy/ HTTP/1.1\r\nAccept-Encoding: br;q=0, identity');
    expect(none.headers).not.toMatch(/Content-Encoding/i);
    // A page is read whole: no ranges offered, one asked for is answered with the page itself.
    expect(br.headers).not.toMatch(/\r\nAccept-Ranges:/i);
    const range = await raw('GET /privacy-policy/ HTTP/1.1\r\nAccept-Encoding: br\r\nRange: bytes=0-9');
    expect(range.status).toBe(200);
    expect(range.headers).not.toMatch(/\r\nContent-Range:/i);
  });
});

describe('revalidation and caching headers', () => {
  it('a page is revalidated by its ETag alone; a file named by its content carries no validator', async () => {
    const page = await raw('GET /privacy-policy/ HTTP/1.1\r\nAccept-Encoding: br');
    const etag = /\r\nETag: ([^\r\n]+)/i.exec(page.headers)?.[1] ?? '';
    expect(etag).not.toBe('');
    expect(page.headers).not.toMatch(/\r\nLast-Modified:/i);
    const again = await raw(`GET /privacy-policy/ HTTP/1.1\r\nAccept-Encoding: br\r\nIf-None-Match: ${etag}`);
    expect(again.status).toBe(304);
    expect(again.body).toBe('');

    const stylesheet = /href="(\/_astro\/site\.[\w-]+\.css)"/.exec(
      readFileSync('dist/client/search/index.html', 'utf8'),
    )?.[1];
    expect(stylesheet).toBeDefined();
    const asset = await raw(`GET ${stylesheet ?? ''} HTTP/1.1\r\nAccept-Encoding: br`);
    expect(asset.status).toBe(200);
    expect(asset.headers).toMatch(/\r\nCache-Control: public, max-age=31536000, immutable\r\n/i);
    expect(asset.headers).not.toMatch(/\r\n(?:ETag|Last-Modified|Accept-Ranges):/i);
  });
});

/**
 * The shipped nginx configuration (deploy/nginx/allwork-policies.conf with the build's
 * dist/nginx/static.conf), by behaviour: Debian's nginx on loopback over TLS, in front of the real
 * Node server with TRUST_PROXY=true. Static files come from nginx with the headers the Node server
 * sends for the same files; the form and on-demand pages reach Node, which sees HTTPS through
 * X-Forwarded-Proto (HSTS); a missing page is the site's HTML 404.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactFields } from '../helpers/contact-post.ts';
import { httpsRequest } from '../helpers/https-get.ts';
import { Nginx } from '../helpers/nginx.ts';
import { freePort } from '../helpers/ports.ts';
import { SiteServer } from '../helpers/site-server.ts';

let outbox: string;
let node: SiteServer;
let nginx: Nginx;
/** nginx in front of a port where nothing listens: what it answers by itself. */
let alone: Nginx;

const documentHeaders = [
  'content-security-policy',
  'permissions-policy',
  'referrer-policy',
  'x-content-type-options',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'cache-control',
];

beforeAll(async () => {
  outbox = await mkdtemp(path.join(tmpdir(), 'nginx-outbox-'));
  node = await SiteServer.start({ TRUST_PROXY: 'true', OUTBOX_DIR: outbox, CONTACT_MIN_FILL_MS: '0' });
  nginx = await Nginx.start({ dist: 'dist', upstream: new URL(node.url).host });
  alone = await Nginx.start({ dist: 'dist', upstream: `127.0.0.1:${await freePort()}` });
});

afterAll(async () => {
  await alone.stop();
  await nginx.stop();
  await node.stop();
  await rm(outbox, { recursive: true, force: true });
});

/** site.css, from a page that links it (the reading pages carry theirs inside). */
const stylesheet = async () => {
  const page = (await httpsRequest(`${nginx.url}/search/`)).body.toString('utf8');
  return /href="(\/_astro\/[^"]+\.css)"/.exec(page)?.[1] ?? '';
};

describe('static files', () => {
  it('are served by nginx itself, with the headers the Node server sends for the same page', async () => {
    const viaNginx = await httpsRequest(`${alone.url}/privacy-policy/`, { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(viaNginx.status).toBe(200); // Node is not there
    expect(viaNginx.headers['content-type']).toBe('text/html; charset=utf-8');
    // The build's brotli copy, as it is (gzip for clients without brotli).
    expect(viaNginx.headers['content-encoding']).toBe('br');
    expect(viaNginx.body).toEqual(await readFile('dist/client/privacy-policy/index.html.br'));
    const gzip = await httpsRequest(`${alone.url}/privacy-policy/`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gzip.body).toEqual(await readFile('dist/client/privacy-policy/index.html.gz'));
    expect(viaNginx.headers['strict-transport-security']).toMatch(/^max-age=\d+; includeSubDomains$/);
    const viaNode = await fetch(`${node.url}/privacy-policy/`);
    for (const name of documentHeaders) expect(viaNginx.headers[name], name).toBe(viaNode.headers.get(name));
  });

  it('assets: the asset headers only, cached for a year when named by their content', async () => {
    const href = await stylesheet();
    expect(href).not.toBe('');
    const asset = await httpsRequest(`${alone.url}${href}`);
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    expect(asset.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(asset.headers['content-security-policy']).toBeUndefined();
    expect(asset.headers['permissions-policy']).toBeUndefined();
    const viaNode = await fetch(`${node.url}${href}`);
    expect(viaNode.headers.get('content-security-policy')).toBeNull();
    expect(viaNode.headers.get('cache-control')).toBe(asset.headers['cache-control']);
  });

  it('feeds and formats keep their content types; a folder without its slash is redirected', async () => {
    expect((await httpsRequest(`${alone.url}/feed.xml`)).headers['content-type']).toBe(
      'application/atom+xml; charset=utf-8',
    );
    const files = await readdir('dist/client/privacy-policy', { recursive: true });
    const braille = files.find((name) => name.endsWith('.brf'));
    expect(braille).toBeDefined();
    const brf = await httpsRequest(`${alone.url}/privacy-policy/${braille ?? ''}`);
    expect(brf.headers['content-type']).toBe('text/plain; charset=us-ascii');
    const redirect = await httpsRequest(`${alone.url}/privacy-policy`);
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('/privacy-policy/');
  });

  it('plain HTTP is redirected to HTTPS', async () => {
    const response = await fetch(`${nginx.httpUrl}/privacy-policy/`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(`https://127.0.0.1/privacy-policy/`);
  });
});

describe('through nginx to the Node server', () => {
  it('the contact form is rendered by Node, which sees HTTPS (HSTS) from X-Forwarded-Proto', async () => {
    const page = await httpsRequest(`${nginx.url}/contact/`);
    expect(page.status).toBe(200);
    expect(page.headers['referrer-policy']).toBe('same-origin'); // only the Node server says so
    expect(page.headers['strict-transport-security']).toMatch(/^max-age=/);
    expect(page.body.toString('utf8')).toMatch(/name="started" value="\d+\.[\w-]{43}"/);
    expect((await httpsRequest(`${alone.url}/contact/`)).status).toBe(502);
  });

  it('POST /api/contact is stored, with the origin check passing over the proxy', async () => {
    const response = await httpsRequest(`${nginx.url}/api/contact`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: nginx.url },
      body: new URLSearchParams(contactFields('Sent through nginx.')).toString(),
    });
    expect(response.status, response.body.toString('utf8')).toBe(303);
    const reference = /ref=(AW-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(String(response.headers.location))?.[1] ?? '';
    expect((await readdir(outbox)).some((name) => name.includes(reference) && reference !== '')).toBe(true);
    expect(response.headers['strict-transport-security']).toMatch(/^max-age=/);
  });

  it('a missing page is the site 404 page, in HTML, with the document headers', async () => {
    for (const missing of ['/no-such-page/', '/foo.epub', '/_astro/gone.css']) {
      const response = await httpsRequest(`${nginx.url}${missing}`);
      expect(response.status, missing).toBe(404);
      expect(response.headers['content-type'], missing).toBe('text/html; charset=utf-8');
      expect(response.headers['content-security-policy'], missing).toMatch(/frame-ancestors 'none'/);
    }
  });

  it('/healthz answers the load balancer, with its details only for the machine itself', async () => {
    // Through nginx from this machine: nginx names the client (127.0.0.1), so the details show.
    const local = await httpsRequest(`${nginx.url}/healthz`);
    expect(local.status).toBe(200);
    // The details: problems, and (with change alerts) subscriber counts, never addresses.
    expect(JSON.parse(local.body.toString('utf8'))).toMatchObject({ status: 'ok', problems: [] });
    // Any other client the proxy names gets the status only (before, the proxy's own loopback
    // address counted, so everyone behind it saw the outbox's folder).
    const remote = await fetch(`${node.url}/healthz`, { headers: { 'X-Forwarded-For': '203.0.113.9' } });
    expect(await remote.json()).toEqual({ status: 'ok' });
  });
});

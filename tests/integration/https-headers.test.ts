/**
 * HSTS from the real server: sent when the client came over HTTPS through the proxy we trust,
 * never over plain HTTP, and never because a client wrote X-Forwarded-Proto itself.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiteServer } from '../helpers/site-server.ts';

let outbox: string;

beforeAll(async () => {
  outbox = await mkdtemp(path.join(tmpdir(), 'https-headers-outbox-'));
});

afterAll(async () => {
  await rm(outbox, { recursive: true, force: true });
});

const hsts = async (server: SiteServer, headers: Record<string, string>): Promise<string | null> =>
  (await fetch(`${server.url}/privacy-policy/`, { headers })).headers.get('strict-transport-security');

describe.each([
  { trustProxy: 'true', viaHttps: 'max-age=63072000; includeSubDomains' },
  { trustProxy: 'false', viaHttps: null },
])('TRUST_PROXY=$trustProxy', ({ trustProxy, viaHttps }) => {
  let server: SiteServer;
  beforeAll(async () => {
    server = await SiteServer.start({ OUTBOX_DIR: outbox, TRUST_PROXY: trustProxy });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('sends HSTS only when the trusted proxy says the client used HTTPS', async () => {
    expect(await hsts(server, { 'X-Forwarded-Proto': 'https' })).toBe(viaHttps);
    expect(await hsts(server, { 'X-Forwarded-Proto': 'http' })).toBeNull();
    expect(await hsts(server, {})).toBeNull();
  });
});

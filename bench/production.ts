/**
 * The deployment's figures, through Debian's nginx with the shipped configuration (HTTPS on
 * loopback, tests/helpers/nginx.ts) in front of the real server (TRUST_PROXY=true) and a real
 * SMTP server:
 *
 *   npm run build && npm run bench:production [-- --connections 20 --duration 10 --kills 5]
 *
 * 1. the privacy policy's first view in Chromium, on the wire, headers included (through nginx,
 *    and from the Node server alone);
 * 2. GET /privacy-policy/ through nginx: requests/s and p99 latency (autocannon);
 * 3. POST /api/contact through nginx: requests/s, and every accepted message delivered once;
 * 4. messages acknowledged vs delivered vs duplicated when the server is killed (SIGKILL) during
 *    delivery `--kills` times and restarted on the same outbox.
 * Prints the figures and writes bench/results/production.json. On a shared machine requests/s
 * depend on what else runs: the load average is printed with them.
 */
import autocannon from 'autocannon';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { firstView } from '../scripts/bench/first-view.ts';
import { launchChromium } from '../scripts/bench/page-weight.ts';
import { contactFields } from '../tests/helpers/contact-post.ts';
import { httpsRequest } from '../tests/helpers/https-get.ts';
import { Nginx } from '../tests/helpers/nginx.ts';
import { freePort } from '../tests/helpers/ports.ts';
import { SiteServer } from '../tests/helpers/site-server.ts';
import { eventually, SmtpSink } from '../tests/helpers/smtp-sink.ts';
import { loadTestServerEnv } from './load-env.ts';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '20' },
    duration: { type: 'string', default: '10' },
    kills: { type: 'string', default: '5' },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const kills = Number(values.kills);

const outbox = await mkdtemp(path.join(tmpdir(), 'bench-production-outbox-'));
const smtp = await SmtpSink.start({ parse: false });
const port = await freePort();
const serverEnv = {
  PORT: String(port),
  TRUST_PROXY: 'true',
  ...loadTestServerEnv(outbox, smtp.url),
};
let server = await SiteServer.start(serverEnv);
const nginx = await Nginx.start({ dist: 'dist', upstream: `127.0.0.1:${port}` });
const references = (log: string) => new Set([...log.matchAll(/(AW-[0-9A-Z]{4}-[0-9A-Z]{4}) queued/g)].map((m) => m[1]));
const logs: string[] = [];

function deliveredCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const raw of smtp.raw) {
    const reference = /^X-AllWork-Reference: (\S+)$/im.exec(raw)?.[1] ?? '';
    counts.set(reference, (counts.get(reference) ?? 0) + 1);
  }
  return counts;
}

async function emptied(): Promise<void> {
  await eventually(
    async () => (await readdir(outbox)).filter((name) => name.endsWith('.eml')).length === 0,
    'the outbox to empty',
    180_000,
  );
}

type LoadRequest = NonNullable<Parameters<typeof autocannon>[0]['requests']>[number];

async function load(request: LoadRequest) {
  const result = await autocannon({ url: nginx.url, connections, duration, requests: [request] });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

try {
  // 1. First view.
  const browser = await launchChromium();
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const viaNginx = await firstView(await context.newPage(), `${nginx.url}/privacy-policy/`);
  const viaNode = await firstView(await context.newPage(), `${server.url}/privacy-policy/`);
  await browser.close();

  // 2. Reading through nginx.
  const get = await load({ method: 'GET', path: '/privacy-policy/', headers: { 'accept-encoding': 'gzip, br' } });

  // 3. The form through nginx.
  const body = new URLSearchParams(contactFields('A benchmark message through nginx.')).toString();
  const post = await load({
    method: 'POST',
    path: '/api/contact',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: nginx.url },
    body,
  });
  await emptied();
  const postAccepted = references(server.log);

  // 4. Killed during delivery, restarted on the same outbox.
  smtp.hold();
  const acknowledged: string[] = [];
  for (let i = 0; i < 100; i++) {
    const response = await httpsRequest(`${nginx.url}/api/contact`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: nginx.url },
      body: new URLSearchParams(contactFields(`Message ${i} before the crashes.`)).toString(),
    });
    const reference = /ref=(AW-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(String(response.headers.location))?.[1];
    if (response.status === 303 && reference) acknowledged.push(reference);
  }
  const beforeKills = smtp.raw.length;
  for (let kill = 0; kill < kills; kill++) {
    smtp.release();
    await new Promise((resolve) => setTimeout(resolve, 150)); // some delivered, one in flight
    smtp.hold();
    await server.stop('SIGKILL');
    logs.push(server.log);
    server = await SiteServer.start(serverEnv);
  }
  smtp.release();
  await emptied();
  await new Promise((resolve) => setTimeout(resolve, 1000)); // late duplicates, if any
  const counts = deliveredCounts();
  const crash = {
    kills,
    acknowledged: acknowledged.length,
    delivered: acknowledged.filter((reference) => counts.has(reference)).length,
    duplicated: acknowledged.filter((reference) => (counts.get(reference) ?? 0) > 1).length,
    missing: acknowledged.filter((reference) => !counts.has(reference)).length,
    relayReceivedDuringTheKills: smtp.raw.length - beforeKills,
  };

  const figures = {
    date: new Date().toISOString(),
    node: process.version,
    firstView: {
      throughNginx: { bytes: viaNginx.total, requests: viaNginx.requests, headerBytes: viaNginx.headerBytes },
      nodeAlone: { bytes: viaNode.total, requests: viaNode.requests, headerBytes: viaNode.headerBytes },
      parts: viaNginx.parts,
    },
    getPrivacyPolicyThroughNginx: get,
    postContactThroughNginx: {
      ...post,
      accepted: postAccepted.size,
      duplicated: [...postAccepted].filter((reference) => (deliveredCounts().get(reference ?? '') ?? 0) > 1).length,
    },
    crashDuringDelivery: crash,
    connections,
    durationSeconds: duration,
    loadAverage: os.loadavg().map((n) => Number(n.toFixed(1))),
    cpus: os.cpus().length,
  };
  console.log(JSON.stringify(figures, null, 2));
  console.log(
    `\nfirst view ${viaNginx.total} B in ${viaNginx.requests} requests (through nginx); ` +
      `GET ${get.requestsPerSecond}/s p99 ${get.latencyMs.p99} ms; POST ${post.requestsPerSecond}/s; ` +
      `${kills} kills: ${crash.acknowledged} acknowledged, ${crash.delivered} delivered, ${crash.duplicated} duplicated, ${crash.missing} missing`,
  );
  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/production.json', `${JSON.stringify(figures, null, 2)}\n`);
  if (crash.missing > 0) process.exitCode = 1;
} finally {
  await server.stop();
  await nginx.stop();
  await smtp.close();
  await rm(outbox, { recursive: true, force: true });
}

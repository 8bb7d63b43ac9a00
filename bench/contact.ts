/**
 * POST /api/contact under load, with delivery checked afterwards.
 *
 *   npm run build && npm run bench:contact [-- --connections 20 --duration 10]
 *
 * Starts the real server (server/main.ts, serving dist/) with a fresh outbox and a real SMTP
 * server (smtp-server) on 127.0.0.1, then posts valid urlencoded submissions, as the plain HTML
 * form does, with autocannon. The rate limit (CONTACT_RATE_LIMIT=0) and the minimum fill time
 * are off, or nearly every request would be refused or silently dropped. When the load stops it
 * waits for the outbox to empty and checks that every accepted message (every reference the
 * server stored, which includes each 303 autocannon saw) reached the relay exactly once. Prints the figures and writes them to
 * bench/results/contact.json.
 */
import autocannon from 'autocannon';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SiteServer } from '../tests/helpers/site-server.ts';
import { eventually, SmtpSink } from '../tests/helpers/smtp-sink.ts';
import { loadTestServerEnv } from './load-env.ts';

const { values } = parseArgs({
  options: { connections: { type: 'string', default: '20' }, duration: { type: 'string', default: '10' } },
});
const connections = Number(values.connections);
const duration = Number(values.duration);

const outbox = await mkdtemp(path.join(tmpdir(), 'bench-contact-outbox-'));
const smtp = await SmtpSink.start({ parse: false });
const server = await SiteServer.start(loadTestServerEnv(outbox, smtp.url));

/**
 * CPU time the server process has used, in ms (Linux /proc; null elsewhere). On a shared machine
 * requests per second depend on what else runs; CPU per request does not, much.
 */
async function serverCpuMs(): Promise<number | null> {
  try {
    const fields = (await readFile(`/proc/${server.pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100/s)
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

const references: string[] = [];
const statuses = new Map<number, number>();
const body = new URLSearchParams({
  name: 'Bench Sender',
  email: 'bench@example.com',
  topic: 'alternative-format',
  document: 'privacy-policy',
  format: 'braille',
  message: 'A realistic request for the Privacy Policy in Braille, with a few sentences of detail. '.repeat(4),
  website: '',
  started: await server.formStart(),
}).toString();

try {
  console.log(`POST /api/contact: ${connections} connections for ${duration} s against ${server.url}`);
  const cpuBefore = await serverCpuMs();
  const result = await autocannon({
    url: server.url,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        path: '/api/contact',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
        body,
        onResponse: (status, _body, _context, headers) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          const location = Object.entries(headers).find(([name]) => name.toLowerCase() === 'location')?.[1];
          const match = /ref=(AW-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(String(location ?? ''));
          if (status === 303 && match?.[1]) references.push(match[1]);
        },
      },
    ],
  });

  const cpuAfterLoad = await serverCpuMs();
  const drainStart = Date.now();
  await eventually(
    async () => (await readdir(outbox)).filter((name) => name.endsWith('.eml')).length === 0,
    'the outbox to empty',
    120_000,
  );
  const drainMs = Date.now() - drainStart;
  await new Promise((resolve) => setTimeout(resolve, 1000)); // a few more delivery passes: no late duplicates

  // Accepted = what the server stored ("<reference> queued" in its log). That includes requests
  // still in flight when autocannon stopped counting, whose answers it never recorded.
  const accepted = new Set([...server.log.matchAll(/(AW-[0-9A-Z]{4}-[0-9A-Z]{4}) queued/g)].map((m) => m[1] ?? ''));
  const delivered = new Map<string, number>();
  for (const raw of smtp.raw) {
    const reference = /^X-AllWork-Reference: (\S+)$/im.exec(raw)?.[1] ?? '';
    delivered.set(reference, (delivered.get(reference) ?? 0) + 1);
  }
  const missing = [...accepted].filter((reference) => !delivered.has(reference));
  const duplicated = [...delivered].filter(([, count]) => count > 1).map(([reference]) => reference);
  const unexpected = [...delivered.keys()].filter((reference) => !accepted.has(reference));
  const unseen = references.filter((reference) => !accepted.has(reference));
  const figures = {
    date: new Date().toISOString(),
    node: process.version,
    connections,
    durationSeconds: duration,
    requestsPerSecond: result.requests.average,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    statuses: Object.fromEntries(statuses),
    errors: result.errors,
    timeouts: result.timeouts,
    answered303: references.length,
    accepted: accepted.size,
    delivered: smtp.raw.length,
    missing: missing.length,
    duplicated: duplicated.length,
    unexpected: unexpected.length,
    answeredButNotStored: unseen.length,
    outboxDrainedAfterMs: drainMs,
    // Includes the delivery loop's work during the load; the drain afterwards is not counted.
    serverCpuMsPerRequest:
      cpuBefore === null || cpuAfterLoad === null
        ? null
        : Number(((cpuAfterLoad - cpuBefore) / Math.max(1, references.length)).toFixed(2)),
    loadAverage: os.loadavg().map((n) => Number(n.toFixed(1))),
    cpus: os.cpus().length,
  };
  console.log(JSON.stringify(figures, null, 2));
  const exactlyOnce = missing.length === 0 && duplicated.length === 0 && unexpected.length === 0 && unseen.length === 0;
  console.log(
    `\n${figures.requestsPerSecond.toFixed(0)} requests/s, p99 ${figures.latencyMs.p99} ms; ` +
      `${figures.accepted} accepted, ${figures.delivered} delivered: ` +
      (exactlyOnce ? 'every accepted message exactly once.' : 'NOT exactly once (see above).'),
  );
  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/contact.json', `${JSON.stringify(figures, null, 2)}\n`);
  if (!exactlyOnce || statuses.size !== 1) process.exitCode = 1;
} finally {
  await server.stop();
  await smtp.close();
  await rm(outbox, { recursive: true, force: true });
}

/**
 * Change alerts at volume: how long `alerts send` takes to queue one alert to N confirmed
 * subscribers (default 10,000), and how many of those messages per second the delivery loop
 * hands to a local SMTP server.
 *
 *   npm run bench:alerts [-- --subscribers 10000]     (also part of `npm run bench`)
 *
 * Real parts throughout: the SQLite database on disk (WAL, synchronous=FULL), the outbox with
 * its fsyncs, the contact form's delivery loop and nodemailer, and smtp-server on 127.0.0.1
 * (messages kept unparsed). The version repository is the fixture content; the first send
 * records it as announced, the timed one announces the Privacy Policy's last version.
 * Run alone, prints the figures and writes bench/results/alerts.json.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { alertsConfig } from '../../src/lib/alerts/config.ts';
import { openDatabase } from '../../src/lib/alerts/database.ts';
import { sendAlerts } from '../../src/lib/alerts/send.ts';
import { contactConfig } from '../../src/lib/contact/config.ts';
import { Outbox } from '../../src/lib/contact/outbox.ts';
import { contactServices } from '../../src/lib/contact/services.ts';
import { versionsIndex } from '../../src/lib/feeds.ts';
import { readVersionRecords } from '../../src/lib/versions/files.ts';
import { VersionRepository } from '../../src/lib/versions/repository.ts';
import { site } from '../../src/site.config.ts';
import { eventually, SmtpSink } from '../../tests/helpers/smtp-sink.ts';

export interface AlertFigures {
  readonly subscribers: number;
  /** `sendAlerts` announcing one version to every subscriber: recorded, staged and queued. */
  readonly queueOneAlertMs: number;
  readonly queuedPerSecond: number;
  /** The delivery loop emptying the outbox into the SMTP server. */
  readonly deliveredPerSecond: number;
  readonly deliverAllMs: number;
}

const quiet = {
  info: () => undefined,
  warn: (line: string) => {
    console.warn(line);
  },
};

export async function measureAlerts(subscribers: number): Promise<AlertFigures> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'bench-alerts-'));
  const smtp = await SmtpSink.start({ parse: false });
  const env = {
    DATA_DIR: path.join(scratch, 'data'),
    OUTBOX_DIR: path.join(scratch, 'outbox'),
    SMTP_URL: smtp.url,
    OUTBOX_RESCAN_MS: '50',
  };
  const config = alertsConfig(env, contactConfig(env));
  const db = openDatabase(config.dataDir);
  const outbox = new Outbox(config.contact.outboxDir);
  try {
    const choices = `'${site.policies.map((p) => p.id).join(',')}'`;
    const insert = db.prepare(
      `INSERT INTO subscribers (address, policies, substantive_only, pending_policies, pending_substantive_only,
         created_at, confirmed_at) VALUES (?, ${choices}, 0, ${choices}, 0, 0, 0)`,
    );
    db.transaction(() => {
      for (let i = 0; i < subscribers; i++) insert.run(`reader${i}@bench.example`);
    })();

    const records = readVersionRecords(path.resolve('tests/fixtures/content'));
    const repository = (all: boolean) =>
      new VersionRepository(
        records.filter((r) => all || !(r.policy === 'privacy-policy' && r.version === '2025-09-01')),
        { policies: site.policies, today: '2026-01-01', previewDrafts: false },
      );
    const published = (all: boolean) => versionsIndex(repository(all).policies, site.siteUrl);
    await sendAlerts({ db, outbox, published: published(false), config, log: quiet });

    const queueStart = performance.now();
    const report = await sendAlerts({ db, outbox, published: published(true), config, log: quiet });
    const queueMs = performance.now() - queueStart;
    const waiting = (await readdir(outbox.dir)).filter((name) => name.endsWith('.eml')).length;
    if (report.queued !== subscribers || waiting !== subscribers) {
      throw new Error(`expected ${subscribers} queued messages, got ${report.queued} (${waiting} files)`);
    }

    const contact = contactServices(config.contact, quiet);
    const deliverStart = performance.now();
    await contact.delivery.start();
    await eventually(() => smtp.raw.length >= subscribers, 'every alert at the SMTP server', 30 * 60_000);
    const deliverMs = performance.now() - deliverStart;
    await contact.delivery.stop();
    return {
      subscribers,
      queueOneAlertMs: Math.round(queueMs),
      queuedPerSecond: Math.round((subscribers / queueMs) * 1000),
      deliveredPerSecond: Math.round((subscribers / deliverMs) * 1000),
      deliverAllMs: Math.round(deliverMs),
    };
  } finally {
    db.close();
    await smtp.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The figures as lines of text, for both reports. */
export function alertLines(figures: AlertFigures): string[] {
  return [
    `alerts: ${figures.subscribers.toLocaleString('en-US')} confirmed subscribers, one new version`,
    `  queue one alert to all   ${figures.queueOneAlertMs} ms (${figures.queuedPerSecond} messages/s)`,
    `  delivered to SMTP sink   ${figures.deliveredPerSecond} messages/s (${figures.deliverAllMs} ms in all)`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { subscribers: { type: 'string', default: '10000' } } });
  const figures = await measureAlerts(Number(values.subscribers));
  const machine = { cpus: os.cpus().length, loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100) };
  for (const line of alertLines(figures)) console.log(line);
  console.log(`  load average             ${machine.loadAverage.join(' ')} on ${machine.cpus} cores`);
  await mkdir('bench/results', { recursive: true });
  await writeFile(
    'bench/results/alerts.json',
    `${JSON.stringify({ date: new Date().toISOString(), machine, ...figures }, null, 2)}\n`,
  );
}

/**
 * The alerts' CLI, for the deploy step and for support, with two entry points: on the server
 * `node dist/server/alerts.mjs <command>` (server/alerts.ts, compiled by the build, reading the
 * build's versions.json), in a checkout `npm run alerts -- <command>` (scripts/alerts.ts,
 * reading the content files). They differ only in where the published versions come from.
 * - `send`: announce new published versions (src/lib/alerts/send.ts);
 * - `list`: every address with its choices; `export ADDRESS`: everything stored about one, as
 *   JSON (a California request to know); `delete ADDRESS`: erase it (a request to delete).
 * Log lines never name an address; only `list` and `export` print one, on request.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { prefixedLog, type Log } from '../contact/log.ts';
import { Outbox } from '../contact/outbox.ts';
import { alertsConfig } from './config.ts';
import { databaseFileName, openDatabase } from './database.ts';
import { PublishedIndexError, type PublishedIndex } from './published.ts';
import { sendAlerts } from './send.ts';
import { Subscriptions, type SubscriberRecord } from './subscriptions.ts';

export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly log?: Log;
}

/** Where `send` learns which versions are published (published.ts), and how usage names the CLI. */
export interface CliSource {
  /** How the CLI is run, for the usage text: `npm run alerts --`, `node dist/server/alerts.mjs`. */
  readonly invocation: string;
  /** The published versions; throws `PublishedIndexError` when they cannot be read. */
  readonly published: () => Promise<PublishedIndex>;
}

const usage = (invocation: string) => `Usage: ${invocation} <command>

  send              queue an alert for every new published version (after a deploy)
  list              every subscriber: address, choices, dates
  export ADDRESS    everything stored about ADDRESS, as JSON (a request to know)
  delete ADDRESS    erase ADDRESS and its choices (a request to delete)
`;

function describe(record: SubscriberRecord): string {
  const choices = record.confirmed ?? record.pending;
  const state = record.confirmed ? `confirmed ${record.confirmedAt ?? ''}` : 'not confirmed';
  const only = choices.substantiveOnly ? ' (substantive only)' : '';
  return `${record.address}\t${state}\t${choices.policies.join(', ')}${only}`;
}

/** Runs one command; resolves with the exit code. */
export async function runAlertsCli(args: readonly string[], io: CliIo, source: CliSource): Promise<number> {
  const [command, address, ...rest] = args;
  const help = usage(source.invocation);
  const known = ['send', 'list', 'export', 'delete'];
  if (!command || !known.includes(command) || rest.length > 0) {
    io.err(command && !known.includes(command) ? `Unknown command "${command}".\n\n${help}` : help);
    return 2;
  }
  if ((command === 'export' || command === 'delete') !== (address !== undefined)) {
    io.err(
      `${command === 'export' || command === 'delete' ? `${command} needs an ADDRESS` : `${command} takes no ADDRESS`}.\n\n${help}`,
    );
    return 2;
  }
  const config = alertsConfig(io.env);
  const log = io.log ?? prefixedLog('alerts');
  const file = path.join(config.dataDir, databaseFileName);
  if (!existsSync(file)) {
    // Nothing was ever stored here: not an error for send (a runner without the server's disk).
    io.out(
      `No subscriber database at ${file}: ${command === 'send' ? 'no alerts sent' : 'nobody is subscribed'}. ` +
        'Run this where the server keeps its DATA_DIR.\n',
    );
    return 0;
  }
  const db = openDatabase(config.dataDir, { mustExist: true });
  try {
    const subscriptions = new Subscriptions(db, config);
    if (command === 'send') {
      let published: PublishedIndex;
      try {
        published = await source.published();
      } catch (error) {
        if (!(error instanceof PublishedIndexError)) throw error;
        io.err(`No alerts sent: ${error.message}\n`);
        return 1;
      }
      subscriptions.forgetUnconfirmed();
      const outbox = new Outbox(config.contact.outboxDir);
      const batch = Number(io.env.ALERTS_SEND_BATCH ?? 500);
      const report = await sendAlerts({
        db,
        outbox,
        published,
        config,
        log,
        batchSize: Number.isInteger(batch) && batch > 0 ? batch : 500,
      });
      const { confirmed, unconfirmed } = subscriptions.counts();
      io.out(
        `${report.queued} alert messages queued in ${outbox.dir} for ${report.announced.length} new versions ` +
          `(${confirmed} confirmed subscribers, ${unconfirmed} not confirmed).\n`,
      );
      return 0;
    }
    if (command === 'list') {
      const records = subscriptions.list();
      io.out(records.length === 0 ? 'Nobody is subscribed.\n' : `${records.map(describe).join('\n')}\n`);
      return 0;
    }
    const target = address ?? '';
    if (command === 'export') {
      const record = subscriptions.export(target);
      if (!record) {
        io.err(`Nothing is stored about ${target}.\n`);
        return 1;
      }
      io.out(`${JSON.stringify(record, null, 2)}\n`);
      return 0;
    }
    if (!subscriptions.delete(target)) {
      io.err(`Nothing is stored about ${target}: nothing deleted.\n`);
      return 1;
    }
    io.out(`Deleted ${target} and its choices. Alert messages already sent are not recalled.\n`);
    return 0;
  } finally {
    db.close();
  }
}

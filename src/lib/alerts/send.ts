/**
 * `npm run alerts -- send`: tells each confirmed subscriber about each new published version
 * they asked for, exactly once, through the contact form's outbox. The steps and why each
 * crash point is safe: docs/decisions/0014-change-alerts.md.
 *
 * 1. In one transaction: versions not announced yet are marked announced, and one row per
 *    (subscriber, version) is recorded with a reference derived from both (`recorded`).
 *    A database with nothing announced records every version without a message (first run).
 * 2. In batches: messages written under hidden names (`staged`), then renamed into the outbox
 *    (`queued`), each step made durable before the database says it happened.
 */
import type { Log } from '../contact/log.ts';
import type { Outbox } from '../contact/outbox.ts';
import type { AlertsConfig } from './config.ts';
import type { AlertsDatabase } from './database.ts';
import { alertMessage, type AnnouncedVersion } from './messages.ts';
import { announcedVersions, type PublishedIndex } from './published.ts';
import { alertReference, newToken, tokenHash } from './tokens.ts';

export interface SendOptions {
  readonly db: AlertsDatabase;
  readonly outbox: Outbox;
  /** The published versions: the build's `versions.json`, or the same index from the content (published.ts). */
  readonly published: PublishedIndex;
  readonly config: AlertsConfig;
  readonly log: Log;
  /** Messages per batch: one folder fsync and one transaction per step of a batch. */
  readonly batchSize?: number;
  readonly now?: () => number;
}

export interface SendReport {
  /** Versions recorded as announced without a message (the first run on a database). */
  readonly baseline: number;
  /** New versions announced by this run, with how many subscribers each was queued for. */
  readonly announced: readonly { readonly policy: string; readonly version: string; readonly subscribers: number }[];
  /** Messages this run put in the outbox (including ones a stopped run had recorded). */
  readonly queued: number;
}

interface PendingRow {
  reference: string;
  subscriber_id: number | null;
  address: string | null;
  policy: string;
  version: string;
  state: 'recorded' | 'staged';
}

/** Step 1: what is new, and for whom, recorded in one transaction. */
function recordNewVersions(
  db: AlertsDatabase,
  versions: Map<string, AnnouncedVersion>,
  now: number,
): Pick<SendReport, 'baseline' | 'announced'> {
  const announce = db.prepare('INSERT INTO announced_versions (policy, version, announced_at) VALUES (?, ?, ?)');
  const record = db.prepare(
    `INSERT INTO alert_messages (reference, subscriber_id, policy, version, state)
     VALUES (?, ?, ?, ?, 'recorded') ON CONFLICT (reference) DO NOTHING`,
  );
  const subscribers = db.prepare(
    `SELECT id FROM subscribers WHERE confirmed_at IS NOT NULL
       AND (',' || policies || ',') LIKE ('%,' || ? || ',%') AND (substantive_only = 0 OR ? = 'substantive')`,
  );
  const run = db.transaction(() => {
    const done = new Set(
      (db.prepare('SELECT policy, version FROM announced_versions').all() as { policy: string; version: string }[]).map(
        (row) => `${row.policy}/${row.version}`,
      ),
    );
    const fresh = [...versions.values()].filter((v) => !done.has(`${v.policy}/${v.version}`));
    if (done.size === 0) {
      for (const v of fresh) announce.run(v.policy, v.version, now);
      return { baseline: fresh.length, announced: [] };
    }
    const announced = fresh.map((v) => {
      announce.run(v.policy, v.version, now);
      const ids = (subscribers.all(v.policy, v.change) as { id: number }[]).map((row) => row.id);
      for (const id of ids) {
        // A fresh version has no rows yet, so a refused insert is two alerts whose 40-bit
        // references collide: derive the next one (still the same on every run, in this order).
        let attempt = 0;
        while (record.run(alertReference(id, v.policy, v.version, attempt), id, v.policy, v.version).changes === 0) {
          attempt++;
        }
      }
      return { policy: v.policy, version: v.version, subscribers: ids.length };
    });
    return { baseline: 0, announced };
  });
  return run.immediate();
}

/** Runs `work` on every item, at most `limit` at a time (file writes and their fsyncs overlap). */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Step 2, one batch: stage what is recorded, release what is staged. Returns how many it queued. */
async function queueBatch(rows: readonly PendingRow[], options: SendOptions, versions: Map<string, AnnouncedVersion>) {
  const { db, outbox, config } = options;
  const now = new Date((options.now ?? Date.now)());
  const staged: { reference: string; hash: string }[] = [];
  const toRelease: string[] = [];
  const alreadyReleased: string[] = [];
  const dropped: string[] = [];
  const toWrite: { row: PendingRow & { address: string }; version: AnnouncedVersion }[] = [];
  for (const row of rows) {
    const version = versions.get(`${row.policy}/${row.version}`);
    if (row.address === null || !version) {
      // The subscriber left (or was deleted) before their alert was queued: it is not sent.
      if (await outbox.isStaged(row.reference)) await outbox.discardStaged(row.reference);
      dropped.push(row.reference);
    } else if (row.state === 'recorded') {
      // Never written, or written and not recorded as staged: nobody can have sent it.
      toWrite.push({ row: { ...row, address: row.address }, version });
    } else if (await outbox.isStaged(row.reference)) {
      toRelease.push(row.reference);
    } else {
      alreadyReleased.push(row.reference); // renamed by a run that stopped before recording it
    }
  }
  await eachLimited(toWrite, 16, async ({ row, version }) => {
    const unsubscribeToken = newToken();
    const raw = await alertMessage(
      { to: row.address, version, reference: row.reference, unsubscribeToken },
      config,
      now,
    );
    await outbox.stage(row.reference, raw);
    staged.push({ reference: row.reference, hash: tokenHash(unsubscribeToken) });
    toRelease.push(row.reference);
  });
  await outbox.sync();
  const markStaged = db.prepare(
    "UPDATE alert_messages SET state = 'staged', unsubscribe_token_hash = ? WHERE reference = ?",
  );
  const remove = db.prepare('DELETE FROM alert_messages WHERE reference = ?');
  db.transaction(() => {
    for (const { reference, hash } of staged) markStaged.run(hash, reference);
    for (const reference of dropped) remove.run(reference);
  }).immediate();
  for (const reference of toRelease) await outbox.release(reference, now);
  await outbox.sync();
  const markQueued = db.prepare("UPDATE alert_messages SET state = 'queued' WHERE reference = ?");
  db.transaction(() => {
    for (const reference of [...toRelease, ...alreadyReleased]) markQueued.run(reference);
  }).immediate();
  return toRelease.length;
}

/** Announces every new version; safe to run again at any point, and to kill at any point. */
export async function sendAlerts(options: SendOptions): Promise<SendReport> {
  const { db, log } = options;
  const versions = announcedVersions(options.published);
  const { baseline, announced } = recordNewVersions(db, versions, (options.now ?? Date.now)());
  if (baseline > 0) log.info(`first run: ${baseline} published versions recorded as announced, no message sent`);
  for (const item of announced) {
    log.info(`${item.policy} ${item.version}: an alert recorded for ${item.subscribers} subscribers`);
  }
  const batch = db.prepare(
    `SELECT m.reference, m.subscriber_id, s.address, m.policy, m.version, m.state
       FROM alert_messages m LEFT JOIN subscribers s ON s.id = m.subscriber_id
      WHERE m.state <> 'queued' ORDER BY m.rowid LIMIT ?`,
  );
  let queued = 0;
  for (;;) {
    const rows = batch.all(options.batchSize ?? 500) as PendingRow[];
    if (rows.length === 0) break;
    queued += await queueBatch(rows, options, versions);
  }
  log.info(`${queued} alert messages queued in the outbox`);
  return { baseline, announced, queued };
}

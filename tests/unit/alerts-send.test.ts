/**
 * `sendAlerts` on a real database and outbox on disk: the first run records what exists, each
 * crash point leaves a state the next run completes without writing a message twice, and two
 * alerts whose derived references collide both go out.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alertsConfig } from '../../src/lib/alerts/config.ts';
import { openDatabase } from '../../src/lib/alerts/database.ts';
import { sendAlerts } from '../../src/lib/alerts/send.ts';
import { alertReference } from '../../src/lib/alerts/tokens.ts';
import { contactConfig } from '../../src/lib/contact/config.ts';
import { Outbox } from '../../src/lib/contact/outbox.ts';
import { versionsIndex } from '../../src/lib/feeds.ts';
import { readVersionRecords } from '../../src/lib/versions/files.ts';
import { VersionRepository } from '../../src/lib/versions/repository.ts';
import { site } from '../../src/site.config.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'alerts-send-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});
const records = readVersionRecords(path.resolve('tests/fixtures/content'));
const repository = (withLast: boolean) =>
  new VersionRepository(
    records.filter((r) => withLast || r.version !== '2025-09-01'),
    { policies: site.policies, today: '2026-01-01', previewDrafts: false },
  );
/** The versions index the build would write for that content (what `send` reads). */
const published = (withLast: boolean) => versionsIndex(repository(withLast).policies, site.siteUrl);
const silent = { info: () => undefined, warn: () => undefined };
let counter = 0;

/** A database with `count` confirmed subscribers to both policies, after a first (baseline) run. */
async function setUp(count: number) {
  const dir = path.join(scratch, `run-${++counter}`);
  const env = { DATA_DIR: path.join(dir, 'data'), OUTBOX_DIR: path.join(dir, 'outbox') };
  const config = alertsConfig(env, contactConfig(env));
  const db = openDatabase(config.dataDir);
  const outbox = new Outbox(config.contact.outboxDir);
  const insert = db.prepare(
    `INSERT INTO subscribers (address, policies, substantive_only, pending_policies, pending_substantive_only,
       created_at, confirmed_at) VALUES (?, 'privacy-policy,california-privacy-notice', 0, '', 0, 0, 0)`,
  );
  for (let i = 0; i < count; i++) insert.run(`r${i}@example.net`);
  const send = (withLast = true) => sendAlerts({ db, outbox, published: published(withLast), config, log: silent });
  const first = await send(false);
  expect(first).toEqual({ baseline: 4, announced: [], queued: 0 });
  const files = () => (existsSync(outbox.dir) ? readdirSync(outbox.dir).sort() : []);
  return { db, outbox, send, files };
}

describe('sendAlerts', () => {
  it('queues one message per subscriber and new version, then nothing on the next run', async () => {
    const { send, files } = await setUp(3);
    const report = await send();
    expect(report.announced.map((a) => [a.policy, a.subscribers])).toEqual([
      ['privacy-policy', 3],
      ['california-privacy-notice', 3],
    ]);
    expect(report.queued).toBe(6);
    expect(files().filter((f) => f.endsWith('.eml'))).toHaveLength(6);
    expect(files().filter((f) => f.endsWith('.staged'))).toHaveLength(0);
    expect((await send()).queued).toBe(0);
    expect(files()).toHaveLength(6);
  });

  it('finishes what a stopped run left: recorded rows written, staged files released, released ones only marked', async () => {
    const { db, outbox, send, files } = await setUp(3);
    // A run stopped after step 1 (everything recorded), then imagine three crash points:
    db.prepare("INSERT INTO announced_versions VALUES ('privacy-policy', '2025-09-01', 0)").run();
    const ids = (db.prepare('SELECT id FROM subscribers ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    const refs = ids.map((id) => alertReference(id, 'privacy-policy', '2025-09-01'));
    const row = db.prepare("INSERT INTO alert_messages VALUES (?, ?, 'privacy-policy', '2025-09-01', ?, NULL)");
    row.run(refs[0], ids[0], 'recorded'); // never written
    row.run(refs[1], ids[1], 'staged'); // written, not released
    await outbox.stage(refs[1] ?? '', Buffer.from('From: a@b.example\r\n\r\nstaged\r\n'));
    row.run(refs[2], ids[2], 'staged'); // released by the stopped run: already in the outbox
    await outbox.stage(refs[2] ?? '', Buffer.from('From: a@b.example\r\n\r\nreleased\r\n'));
    await outbox.release(refs[2] ?? '');

    const report = await send();
    expect(report.queued).toBe(2 + 3); // the first two, and the California notice for all three
    const queued = files().filter((f) => f.endsWith('.eml'));
    for (const ref of refs)
      expect(
        queued.filter((f) => f.includes(ref)),
        ref,
      ).toHaveLength(1);
    expect(files().filter((f) => f.endsWith('.staged'))).toHaveLength(0);
    const states = db.prepare('SELECT DISTINCT state FROM alert_messages').all();
    expect(states).toEqual([{ state: 'queued' }]);
  });

  it('sends nothing to a subscriber deleted between recording and queueing', async () => {
    const { db, send, files } = await setUp(1);
    db.prepare("INSERT INTO announced_versions VALUES ('privacy-policy', '2025-09-01', 0)").run();
    db.prepare("INSERT INTO announced_versions VALUES ('california-privacy-notice', '2025-09-01', 0)").run();
    db.prepare(
      "INSERT INTO alert_messages VALUES ('AW-0000-0000', 1, 'privacy-policy', '2025-09-01', 'recorded', NULL)",
    ).run();
    db.prepare('DELETE FROM subscribers').run();
    expect((await send()).queued).toBe(0);
    expect(files()).toHaveLength(0);
  });

  it('gives two alerts whose derived references collide each their own', async () => {
    const { db, send, files } = await setUp(1);
    const taken = alertReference(1, 'privacy-policy', '2025-09-01');
    db.prepare("INSERT INTO alert_messages VALUES (?, NULL, 'other', 'other', 'queued', NULL)").run(taken);
    expect((await send()).queued).toBe(2);
    const mine = db.prepare("SELECT reference FROM alert_messages WHERE policy = 'privacy-policy'").get();
    expect(mine).toEqual({ reference: alertReference(1, 'privacy-policy', '2025-09-01', 1) });
    expect(files().filter((f) => f.endsWith('.eml'))).toHaveLength(2);
  });
});

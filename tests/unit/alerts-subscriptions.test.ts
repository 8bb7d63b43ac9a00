/**
 * The subscriber database on disk (SQLite through better-sqlite3): permissions, WAL mode,
 * migrations applied once, and the double opt-in rules of `Subscriptions`.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseFileName, migrations, openDatabase } from '../../src/lib/alerts/database.ts';
import { Subscriptions } from '../../src/lib/alerts/subscriptions.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'alerts-db-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});
let counter = 0;
const day = 24 * 60 * 60 * 1000;
const both = { policies: ['privacy-policy', 'california-privacy-notice'], substantiveOnly: false };

function fresh() {
  const dir = path.join(scratch, `data-${++counter}`, 'nested');
  const db = openDatabase(dir);
  return { dir, db, subscriptions: new Subscriptions(db, { linkLifetimeMs: 7 * day, confirmationsPerDay: 3 }) };
}

describe('the database file', () => {
  it('is owner-only, in WAL mode, and migrated once however often it is opened', () => {
    const { dir, db } = fresh();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dir, databaseFileName)).mode & 0o777).toBe(0o600);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const again = openDatabase(dir);
    const rows = again.prepare('SELECT version FROM schema_migrations').all();
    expect(rows).toHaveLength(migrations.length);
    again.close();
  });

  it('refuses to create a database where one must exist already', () => {
    expect(() => openDatabase(path.join(scratch, 'missing'), { mustExist: true })).toThrow();
  });
});

describe('subscriptions', () => {
  it('takes choices only through the confirmation link', () => {
    const { subscriptions } = fresh();
    const request = subscriptions.requestConfirmation('Ada@Example.net ', both, 1000);
    expect(request.kind).toBe('send');
    expect(subscriptions.export('ada@example.net')?.confirmed).toBeNull();
    expect(subscriptions.counts()).toEqual({ confirmed: 0, unconfirmed: 1 });
    if (request.kind !== 'send') return;
    expect(subscriptions.confirm(request.token, 2000)).toEqual({ kind: 'confirmed', choices: both });
    // The same link again: still confirmed, nothing else changes.
    expect(subscriptions.confirm(request.token, 3000).kind).toBe('confirmed');
    const record = subscriptions.export('ADA@example.net');
    expect(record?.confirmed).toEqual(both);
    expect(record?.confirmedAt).toBe(new Date(2000).toISOString());
    expect(subscriptions.counts()).toEqual({ confirmed: 1, unconfirmed: 0 });

    // Asking again with other choices changes nothing until that link is followed.
    const change = subscriptions.requestConfirmation(
      'ada@example.net',
      { policies: ['privacy-policy'], substantiveOnly: true },
      4000,
    );
    expect(subscriptions.export('ada@example.net')?.confirmed).toEqual(both);
    if (change.kind === 'send') subscriptions.confirm(change.token, 5000);
    expect(subscriptions.export('ada@example.net')?.confirmed).toEqual({
      policies: ['privacy-policy'],
      substantiveOnly: true,
    });
  });

  it('sends at most three confirmations per address per UTC day', () => {
    const { subscriptions } = fresh();
    const morning = Date.parse('2026-12-01T08:00:00Z');
    const kinds = [0, 1, 2, 3, 4].map(
      (i) => subscriptions.requestConfirmation('bo@example.net', both, morning + i).kind,
    );
    expect(kinds).toEqual(['send', 'send', 'send', 'limited', 'limited']);
    expect(subscriptions.requestConfirmation('other@example.net', both, morning).kind).toBe('send');
    expect(subscriptions.requestConfirmation('bo@example.net', both, morning + day).kind).toBe('send');
  });

  it('says a link expired after seven days, and renews it with the same choices', () => {
    const { subscriptions } = fresh();
    const request = subscriptions.requestConfirmation('cy@example.net', both, 0);
    if (request.kind !== 'send') throw new Error('expected a link');
    expect(subscriptions.confirm(request.token, 7 * day).kind).toBe('expired');
    expect(subscriptions.confirm('x'.repeat(43), 0).kind).toBe('unknown');
    const renewed = subscriptions.renew(request.token, 7 * day);
    if (renewed?.kind !== 'send') throw new Error('expected a new link');
    expect(renewed.address).toBe('cy@example.net');
    expect(subscriptions.confirm(renewed.token, 7 * day + 1).kind).toBe('confirmed');
    expect(subscriptions.renew('y'.repeat(43))).toBeNull();
  });

  it('deletes an address and everything about it', () => {
    const { subscriptions } = fresh();
    subscriptions.requestConfirmation('di@example.net', both, 0);
    expect(subscriptions.list().map((record) => record.address)).toEqual(['di@example.net']);
    expect(subscriptions.delete('DI@example.net')).toBe(true);
    expect(subscriptions.export('di@example.net')).toBeNull();
    expect(subscriptions.delete('di@example.net')).toBe(false);
  });

  it('forgets addresses that never confirmed, a lifetime after their link expired', () => {
    const { subscriptions } = fresh();
    subscriptions.requestConfirmation('ed@example.net', both, 0);
    expect(subscriptions.forgetUnconfirmed(14 * day - 1)).toBe(0);
    expect(subscriptions.forgetUnconfirmed(14 * day + 1)).toBe(1);
  });
});

/**
 * The subscriber database: one SQLite file, `DATA_DIR/alerts.sqlite`, opened with
 * better-sqlite3. See docs/decisions/0014-change-alerts.md.
 *
 * The folder is owner-only (0700) and the file 0600 before SQLite first writes to it (SQLite
 * gives its WAL and shared-memory files the database file's permissions). WAL mode lets the
 * server read while `npm run alerts` writes; SQLite's own locks serialise writers, and
 * `busy_timeout` makes a second writer wait instead of failing. Migrations run on every open,
 * inside an immediate transaction, so two processes starting together apply each one once.
 */
import Database from 'better-sqlite3';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';

export type AlertsDatabase = Database.Database;

export const databaseFileName = 'alerts.sqlite';

/**
 * The schema, one step per entry, never edited once released: a change is a new entry.
 * Only what alerts need: the address, the choices, created and confirmed times, hashed tokens,
 * and for each message queued its reference and state (so a second run sends nothing again).
 */
export const migrations: readonly string[] = [
  `CREATE TABLE subscribers (
     id INTEGER PRIMARY KEY,
     address TEXT NOT NULL UNIQUE COLLATE NOCASE,
     -- Confirmed choices (null until confirmed): policy ids separated by commas.
     policies TEXT,
     substantive_only INTEGER,
     -- Choices waiting for the confirmation link, and the link's hashed token.
     pending_policies TEXT NOT NULL,
     pending_substantive_only INTEGER NOT NULL,
     confirm_token_hash TEXT UNIQUE,
     confirm_expires_at INTEGER,
     -- The mail-bomb limit: confirmation messages sent on one UTC day.
     confirmations_day TEXT,
     confirmations_sent INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL,
     confirmed_at INTEGER
   );
   CREATE TABLE announced_versions (
     policy TEXT NOT NULL,
     version TEXT NOT NULL,
     announced_at INTEGER NOT NULL,
     PRIMARY KEY (policy, version)
   );
   -- One row per alert message, written before the message is queued. A subscriber who leaves
   -- is deleted; their rows keep only the version, the reference and the token's hash, so the
   -- unsubscribe link still answers "you are unsubscribed".
   CREATE TABLE alert_messages (
     reference TEXT PRIMARY KEY,
     subscriber_id INTEGER REFERENCES subscribers(id) ON DELETE SET NULL,
     policy TEXT NOT NULL,
     version TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('recorded', 'staged', 'queued')),
     unsubscribe_token_hash TEXT UNIQUE,
     UNIQUE (subscriber_id, policy, version)
   );
   CREATE INDEX alert_messages_state ON alert_messages (state) WHERE state <> 'queued';`,
];

/** Applies the migrations not applied yet; returns how many it applied. */
export function migrate(db: AlertsDatabase, now = Date.now()): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const apply = db.transaction(() => {
    const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
    const done = row.version ?? 0;
    for (let index = done; index < migrations.length; index++) {
      db.exec(migrations[index] ?? '');
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(index + 1, now);
    }
    return migrations.length - done;
  });
  return apply.immediate();
}

/** Opens (creating when missing) the database in `dataDir`, migrated, in WAL mode. */
export function openDatabase(dataDir: string, options: { readonly mustExist?: boolean } = {}): AlertsDatabase {
  const file = path.join(dataDir, databaseFileName);
  if (!options.mustExist) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
    // Made by us first, so the file and its WAL never exist with the umask's permissions.
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
  }
  const db = new Database(file, { fileMustExist: options.mustExist === true });
  db.pragma('journal_mode = WAL');
  // FULL: a committed "this message is queued" survives a power cut, not only a crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

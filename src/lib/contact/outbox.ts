/**
 * The durable outbox: the folder of messages waiting to be sent. The loop that empties it is
 * src/lib/contact/delivery.ts. See docs/decisions/0007-contact-outbox.md.
 *
 * A message is a complete .eml file in `OUTBOX_DIR`, written to a temporary file, fsynced,
 * renamed into place and the folder fsynced, all before the sender is told it was received: once
 * they see a reference, a crash or power cut cannot lose the message. The delivery loop sends
 * each file through the relay and deletes it only after the relay accepted it; a message the
 * relay refuses for good moves to `failed/`. Files are readable by their owner only (0600), and
 * nothing here logs what a message says or who sent it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { referencePattern } from './reference.ts';

export interface OutboxEntry {
  /** File name, e.g. `20260101T120000123Z-AW-7K3M-9QXD.eml`: sorts oldest first. */
  readonly name: string;
  readonly reference: string;
  readonly queuedAt: Date;
  readonly size: number;
}

export interface FailedEntry extends OutboxEntry {
  /** Why the relay refused it (error code and SMTP reply code), when recorded. */
  readonly reason: string | null;
  readonly failedAt: Date | null;
  /** Not refused but deferred (4xx) for longer than `OUTBOX_GIVE_UP_AFTER_MS`, then given up. */
  readonly givenUp: boolean;
}

const entryPattern = /^(\d{8}T\d{9}Z)-(AW-[0-9A-Z]{4}-[0-9A-Z]{4})\.eml$/;
const failedFolder = 'failed';

function compactTime(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

function parseCompactTime(text: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(text);
  if (!m) return new Date(Number.NaN);
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`);
}

export function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

/** Makes a rename or unlink in `dir` durable: on Linux the directory entry needs its own fsync. */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms cannot fsync a directory (Windows); the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}

/** Writes `data` to `dir/name` so that it is either wholly there or not at all, and survives a crash. */
async function writeDurably(dir: string, name: string, data: Buffer | string): Promise<void> {
  const temporary = path.join(dir, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o600);
  try {
    try {
      await handle.chmod(0o600); // whatever the umask
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path.join(dir, name));
  } catch (error) {
    // A full disk (ENOSPC), a quota, a file size limit: nobody was given a reference for this
    // file, so it goes, and it does not fill the disk further.
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

/** The outbox folder: pending messages at the top level, refused ones in `failed/`. */
export class Outbox {
  readonly dir: string;
  readonly failedDir: string;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
    this.failedDir = path.join(this.dir, failedFolder);
  }

  /** Creates the folders (owner-only) when missing. */
  async ensure(): Promise<void> {
    await mkdir(this.failedDir, { recursive: true, mode: 0o700 });
  }

  /** Stores a message durably; returns its file name. Resolves only once it is safely on disk. */
  async enqueue(reference: string, raw: Buffer, now = new Date()): Promise<string> {
    if (!referencePattern.test(reference)) throw new Error(`not a message reference: ${reference}`);
    const name = `${compactTime(now)}-${reference}.eml`;
    try {
      await writeDurably(this.dir, name, raw);
    } catch (error) {
      // The folder is made on first need, not checked on every message (a measurable cost).
      if (!isMissing(error)) throw error;
      await this.ensure();
      await writeDurably(this.dir, name, raw);
    }
    return name;
  }

  /**
   * Staging, for senders that must queue each message exactly once (change alerts,
   * docs/decisions/0014-change-alerts.md): `stage` writes the message under a hidden name the
   * delivery loop ignores, `release` renames it into the queue. Callers record each step
   * elsewhere and call `sync` once per batch before recording it.
   */
  #stagedPath(reference: string): string {
    if (!referencePattern.test(reference)) throw new Error(`not a message reference: ${reference}`);
    return path.join(this.dir, `.${reference}.staged`);
  }

  /** Writes (or rewrites) a staged message and fsyncs the file; `sync()` makes its name durable. */
  async stage(reference: string, raw: Buffer): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const handle = await open(this.#stagedPath(reference), 'w', 0o600);
    try {
      await handle.chmod(0o600);
      await handle.writeFile(raw);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** Whether a staged message is waiting for `release`. */
  async isStaged(reference: string): Promise<boolean> {
    try {
      await stat(this.#stagedPath(reference));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  /** Moves a staged message into the queue; `sync()` makes the move durable. */
  async release(reference: string, now = new Date()): Promise<void> {
    await rename(this.#stagedPath(reference), path.join(this.dir, `${compactTime(now)}-${reference}.eml`));
  }

  /** Deletes a staged message that must not be sent after all. */
  async discardStaged(reference: string): Promise<void> {
    await rm(this.#stagedPath(reference), { force: true });
  }

  /** Makes the names written by `stage` and `release` durable (one fsync of the folder). */
  sync(): Promise<void> {
    return syncDirectory(this.dir);
  }

  async #list(dir: string): Promise<OutboxEntry[]> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const entries: OutboxEntry[] = [];
    for (const name of names.sort()) {
      const match = entryPattern.exec(name);
      if (!match) continue;
      try {
        const info = await stat(path.join(dir, name));
        if (!info.isFile()) continue;
        entries.push({ name, reference: match[2] ?? '', queuedAt: parseCompactTime(match[1] ?? ''), size: info.size });
      } catch (error) {
        if (!isMissing(error)) throw error; // delivered meanwhile
      }
    }
    return entries;
  }

  /** Messages waiting to be delivered, oldest first. */
  pending(): Promise<OutboxEntry[]> {
    return this.#list(this.dir);
  }

  /** Messages the relay refused for good, oldest first, with the recorded reason. */
  async failed(): Promise<FailedEntry[]> {
    const entries = await this.#list(this.failedDir);
    return Promise.all(
      entries.map(async (entry) => {
        try {
          const note = JSON.parse(await readFile(path.join(this.failedDir, `${entry.name}.json`), 'utf8')) as {
            reason?: string;
            failedAt?: string;
            givenUp?: boolean;
          };
          const failedAt = note.failedAt ? new Date(note.failedAt) : null;
          return { ...entry, reason: note.reason ?? null, failedAt, givenUp: note.givenUp === true };
        } catch {
          return { ...entry, reason: null, failedAt: null, givenUp: false };
        }
      }),
    );
  }

  read(name: string): Promise<Buffer> {
    return readFile(path.join(this.dir, name));
  }

  /**
   * Whether a file can be made and removed in the folder now: before trusting it again after a
   * failed write, so a message the relay accepted is not sent again while it cannot be removed.
   */
  async writable(): Promise<boolean> {
    const probe = path.join(this.dir, `.probe.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(probe, '', { flag: 'wx', mode: 0o600 });
      await rm(probe);
      return true;
    } catch {
      return false;
    }
  }

  /** Deletes a delivered message, durably. */
  async remove(name: string): Promise<void> {
    await rm(path.join(this.dir, name), { force: true });
    await syncDirectory(this.dir);
  }

  /** Moves a refused (or given up) message to `failed/`, with a note of why (codes only, no content). */
  async markFailed(name: string, reason: string, now = new Date(), givenUp = false): Promise<void> {
    await this.ensure();
    const note = JSON.stringify({ reason, failedAt: now.toISOString(), ...(givenUp ? { givenUp } : {}) }, null, 2);
    await writeDurably(this.failedDir, `${name}.json`, `${note}\n`);
    await rename(path.join(this.dir, name), path.join(this.failedDir, name));
    await syncDirectory(this.failedDir);
    await syncDirectory(this.dir);
  }

  /** Moves failed messages back to pending (all, or those with one reference); returns how many. */
  async retry(reference?: string): Promise<number> {
    let moved = 0;
    for (const entry of await this.failed()) {
      if (reference && entry.reference !== reference) continue;
      await rename(path.join(this.failedDir, entry.name), path.join(this.dir, entry.name));
      await rm(path.join(this.failedDir, `${entry.name}.json`), { force: true });
      moved++;
    }
    if (moved) {
      await syncDirectory(this.failedDir);
      await syncDirectory(this.dir);
    }
    return moved;
  }

  /**
   * Removes temporary files left by a write that never finished (a crash before the rename):
   * their sender was never given a reference, so nobody waits for them.
   */
  async removeStaleTemporaries(olderThanMs: number, now = Date.now()): Promise<number> {
    let removed = 0;
    for (const dir of [this.dir, this.failedDir]) {
      let names: string[] = [];
      try {
        names = await readdir(dir);
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
      for (const name of names.filter((n) => n.startsWith('.') && n.endsWith('.tmp'))) {
        try {
          const info = await stat(path.join(dir, name));
          if (now - info.mtimeMs < olderThanMs) continue;
          await rm(path.join(dir, name), { force: true });
          removed++;
        } catch (error) {
          if (!isMissing(error)) throw error;
        }
      }
    }
    return removed;
  }
}

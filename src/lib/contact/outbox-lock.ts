/**
 * One server per outbox: two delivery loops on the same folder would both send a message before
 * either removes it. The loop holds `<OUTBOX_DIR>/.lock` (created with `wx`, so only one process
 * can make it) with its pid and host; a lock whose process is gone (a crash, SIGKILL) is stale
 * and taken over. See docs/decisions/0007-contact-outbox.md.
 */
import { hostname } from 'node:os';
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

/** Another live server holds the outbox: this one must not deliver from it. */
export class OutboxLockedError extends Error {}

interface LockNote {
  pid: number;
  host: string;
  since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

async function readNote(file: string): Promise<LockNote | null> {
  try {
    const note = JSON.parse(await readFile(file, 'utf8')) as Partial<LockNote>;
    return typeof note.pid === 'number' ? { pid: note.pid, host: String(note.host), since: String(note.since) } : null;
  } catch {
    return null;
  }
}

export interface OutboxLock {
  readonly file: string;
  release(): Promise<void>;
}

/**
 * Takes the lock of the outbox folder `dir` (which must exist). Throws `OutboxLockedError`
 * naming the holder when a live process (or one on another host, which cannot be checked) has it.
 */
export async function lockOutbox(dir: string): Promise<OutboxLock> {
  const file = path.join(dir, '.lock');
  const note: LockNote = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(note)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return {
        file,
        release: async () => {
          const current = await readNote(file);
          if (current?.pid === note.pid && current.host === note.host) await rm(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
    }
    const holder = await readNote(file);
    // A half-written note (a crash while locking) or a dead local process: stale, take it over.
    const stale = holder === null || (holder.host === note.host && !isAlive(holder.pid));
    if (!stale || attempt > 0) {
      const who = holder ? `process ${holder.pid} on ${holder.host}, since ${holder.since}` : 'another process';
      throw new OutboxLockedError(
        `the outbox ${dir} is in use by ${who}: run one server per outbox (OUTBOX_DIR). ` +
          `If no server uses it, delete ${file}.`,
      );
    }
    // Only if it is still the same stale note: another server may have just taken it over.
    if ((await readNote(file))?.pid !== holder?.pid) continue;
    await rm(file, { force: true });
  }
}

/**
 * The durable outbox and the loop that empties it. See docs/decisions/0007-contact-outbox.md.
 *
 * A message is a complete .eml file in `OUTBOX_DIR`, written to a temporary file, fsynced,
 * renamed into place and the folder fsynced, all before the sender is told it was received: once
 * they see a reference, a crash or power cut cannot lose the message. The delivery loop sends
 * each file through the relay and deletes it only after the relay accepted it; a message the
 * relay refuses for good moves to `failed/`. Files are readable by their owner only (0600), and
 * nothing here logs what a message says or who sent it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ContactConfig } from './config.ts';
import { classifyFailure, smtpRelay, type Relay } from './mailer.ts';
import { referencePattern } from './reference.ts';

/** Where log lines go. Callers pass only references, counts, paths and error codes. */
export interface Log {
  info(line: string): void;
  warn(line: string): void;
}

export const consoleLog: Log = {
  info: (line) => {
    console.log(`[contact] ${line}`);
  },
  warn: (line) => {
    console.warn(`[contact] ${line}`);
  },
};

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

function isMissing(error: unknown): boolean {
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
    await handle.chmod(0o600); // whatever the umask
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, path.join(dir, name));
  } catch (error) {
    await rm(temporary, { force: true });
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
          };
          return { ...entry, reason: note.reason ?? null, failedAt: note.failedAt ? new Date(note.failedAt) : null };
        } catch {
          return { ...entry, reason: null, failedAt: null };
        }
      }),
    );
  }

  read(name: string): Promise<Buffer> {
    return readFile(path.join(this.dir, name));
  }

  /** Deletes a delivered message, durably. */
  async remove(name: string): Promise<void> {
    await rm(path.join(this.dir, name), { force: true });
    await syncDirectory(this.dir);
  }

  /** Moves a refused message to `failed/`, with a note of why (codes only, no content). */
  async markFailed(name: string, reason: string, now = new Date()): Promise<void> {
    await this.ensure();
    const note = JSON.stringify({ reason, failedAt: now.toISOString() }, null, 2);
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

export interface DeliveryOptions {
  readonly outbox: Outbox;
  /** null: no SMTP_URL; messages stay in the outbox as .eml files. */
  readonly relay: Relay | null;
  readonly retryMinMs: number;
  readonly retryMaxMs: number;
  readonly rescanMs: number;
  readonly log?: Log;
  readonly now?: () => number;
}

/** "250 ms", "30 s", "4 min": for log lines. */
function duration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

/** Delay before retry number `failures` (1, 2, …): doubling from `min`, capped at `max`. */
export function backoffDelay(failures: number, min: number, max: number): number {
  return Math.min(max, min * 2 ** Math.max(0, Math.min(failures - 1, 40)));
}

/**
 * Sends what is in the outbox, oldest first, one at a time. Restart-safe by construction: its
 * only state that matters is the folder, so a new process simply resumes with what is there.
 * Retry timing is kept in memory; after a restart every waiting message is tried at once.
 */
export class DeliveryLoop {
  readonly #options: DeliveryOptions;
  readonly #log: Log;
  readonly #now: () => number;
  /** Per message: failed attempts so far and when it may be tried again. */
  readonly #retries = new Map<string, { failures: number; dueAt: number }>();
  /** When the relay could not be reached at all: nothing is tried before this time. */
  #relayDown = { failures: 0, until: 0 };
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;

  constructor(options: DeliveryOptions) {
    this.#options = options;
    this.#log = options.log ?? consoleLog;
    this.#now = options.now ?? Date.now;
  }

  /** Starts delivering what is already waiting (after a restart) and logs how it is configured. */
  async start(): Promise<void> {
    const { outbox, relay } = this.#options;
    await outbox.ensure();
    await outbox.removeStaleTemporaries(10 * 60_000);
    const waiting = (await outbox.pending()).length;
    if (!relay) {
      this.#log.warn(
        `SMTP_URL is not set: messages are kept as .eml files in ${outbox.dir} (${waiting} waiting). ` +
          'To deliver them, set SMTP_URL (for example smtps://user:password@smtp.example.com:465) and restart; ' +
          '"npm run outbox" lists them.',
      );
      return;
    }
    this.#log.info(`delivering from ${outbox.dir} (${waiting} waiting)`);
    this.#schedule(0);
  }

  /** A message was just stored: look now (unless the relay is down and we are waiting for it). */
  nudge(): void {
    if (!this.#options.relay || this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#schedule(Math.max(0, this.#relayDown.until - this.#now()));
  }

  /** Stops after the message in flight, if any. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
    this.#options.relay?.close();
  }

  /** Resolves when the pass in progress (if any) is done. For tests and shutdown. */
  async settled(): Promise<void> {
    await this.#running;
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#run();
    }, delayMs);
    // The HTTP server keeps the process alive; this timer alone must not.
    this.#timer.unref();
  }

  #run(): void {
    if (this.#running || this.#stopped) {
      this.#again = true;
      return;
    }
    this.#again = false;
    this.#running = this.pass()
      .catch((error: unknown) => {
        this.#log.warn(`delivery pass failed (${classifyFailure(error).summary}); will retry`);
        return this.#options.retryMinMs;
      })
      .then((nextInMs) => {
        this.#running = null;
        this.#schedule(this.#again ? 0 : nextInMs);
      });
  }

  /** One sweep of the outbox. Returns how long to wait before the next one. */
  async pass(): Promise<number> {
    const { outbox, relay, retryMinMs, retryMaxMs, rescanMs } = this.#options;
    if (!relay) return rescanMs;
    const entries = await outbox.pending();
    const present = new Set(entries.map((entry) => entry.name));
    for (const name of this.#retries.keys()) if (!present.has(name)) this.#retries.delete(name);

    for (const entry of entries) {
      if (this.#stopped) break;
      const now = this.#now();
      if (this.#relayDown.until > now) break;
      const retry = this.#retries.get(entry.name);
      if (retry && retry.dueAt > now) continue;
      let raw: Buffer;
      try {
        raw = await outbox.read(entry.name);
      } catch (error) {
        if (isMissing(error)) continue;
        throw error;
      }
      try {
        await relay.send(raw);
      } catch (error) {
        const failure = classifyFailure(error);
        const hasReply = typeof (error as { responseCode?: unknown }).responseCode === 'number';
        if (failure.permanent) {
          await outbox.markFailed(entry.name, failure.summary);
          this.#retries.delete(entry.name);
          this.#log.warn(
            `${entry.reference} refused by the relay (${failure.summary}); moved to ${outbox.failedDir}. ` +
              `Fix the cause, then run "npm run outbox -- retry ${entry.reference}".`,
          );
        } else if (!hasReply) {
          // The relay could not be reached: every message would fail the same way, so wait.
          this.#relayDown = {
            failures: this.#relayDown.failures + 1,
            until: this.#now() + backoffDelay(this.#relayDown.failures + 1, retryMinMs, retryMaxMs),
          };
          this.#log.warn(
            `relay unavailable (${failure.summary}); ${entries.length} waiting, next try in ` +
              duration(this.#relayDown.until - this.#now()),
          );
          break;
        } else {
          const failures = (retry?.failures ?? 0) + 1;
          const delay = backoffDelay(failures, retryMinMs, retryMaxMs);
          this.#retries.set(entry.name, { failures, dueAt: this.#now() + delay });
          this.#log.warn(
            `${entry.reference} deferred by the relay (${failure.summary}); attempt ${failures}, ` +
              `next in ${duration(delay)}`,
          );
        }
        continue;
      }
      this.#relayDown = { failures: 0, until: 0 };
      this.#retries.delete(entry.name);
      await outbox.remove(entry.name);
      this.#log.info(`${entry.reference} delivered`);
    }

    const now = this.#now();
    const dues = [...this.#retries.values()].map((retry) => retry.dueAt - now);
    if (this.#relayDown.until > now) dues.push(this.#relayDown.until - now);
    return Math.max(0, Math.min(rescanMs, ...dues));
  }
}

/** What the endpoint needs from the loop: a signal that a new message is waiting. */
export interface DeliveryHandle {
  nudge(): void;
}

/**
 * The loop is a per-process singleton kept on `globalThis` under a registry symbol: the server
 * (server/main.ts, loaded by tsx) and the endpoint (bundled by Astro into dist/server) each have
 * their own copy of this module, and the symbol is how they find the same loop.
 */
const registryKey = Symbol.for('allwork.contact.delivery');
type Registry = Record<typeof registryKey, DeliveryHandle | undefined>;

export function registeredDelivery(): DeliveryHandle | undefined {
  return (globalThis as unknown as Registry)[registryKey];
}

/**
 * Starts this process's delivery loop and registers it, or returns the one already registered.
 * Called by the server on start, and by the endpoint as a fallback (`astro dev`, or the adapter's
 * own server), so a message is never left without a loop.
 */
export function startDelivery(
  config: ContactConfig,
  log: Log = consoleLog,
): DeliveryHandle & { stop(): Promise<void> } {
  const existing = registeredDelivery();
  if (existing && 'stop' in existing) return existing as DeliveryHandle & { stop(): Promise<void> };
  const loop = new DeliveryLoop({
    outbox: new Outbox(config.outboxDir),
    relay: config.smtpUrl ? smtpRelay(config) : null,
    retryMinMs: config.retryMinMs,
    retryMaxMs: config.retryMaxMs,
    rescanMs: config.rescanMs,
    log,
  });
  (globalThis as unknown as Registry)[registryKey] = loop;
  loop.start().catch((error: unknown) => {
    log.warn(`could not start delivery from ${config.outboxDir} (${classifyFailure(error).summary})`);
  });
  return loop;
}

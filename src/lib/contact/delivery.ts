/**
 * The loop that empties the outbox (src/lib/contact/outbox.ts) through the relay, one message at
 * a time, oldest first. See docs/decisions/0007-contact-outbox.md.
 *
 * A message is deleted only after the relay accepted it, so a crash in between sends it again
 * after the restart (at least once, never lost). Within one process it is never sent twice: a
 * message the relay accepted is remembered until its file is gone, so an outbox that cannot be
 * written (a read-only disk, a changed owner) stops delivery and raises an alert instead of
 * sending the same message on every retry.
 */
import { afterFailure, duration, extendHold, released, type RetryRules } from './delivery-retry.ts';
import { classifyFailure, type Relay } from './mailer.ts';
import { consoleLog, type Log } from './log.ts';
import { lockOutbox, OutboxLockedError, type OutboxLock } from './outbox-lock.ts';
import { isMissing, type Outbox } from './outbox.ts';

export interface DeliveryOptions extends RetryRules {
  readonly outbox: Outbox;
  /** null: no SMTP_URL; messages stay in the outbox as .eml files. */
  readonly relay: Relay | null;
  readonly rescanMs: number;
  readonly log?: Log;
  readonly now?: () => number;
}

/** What `/healthz` reports: `ok` false when messages cannot be delivered safely. */
export interface DeliveryHealth {
  readonly ok: boolean;
  readonly problems: readonly string[];
}

/** What the endpoint needs from the loop: a signal that a new message is waiting. */
export interface DeliveryHandle {
  nudge(): void;
}

/**
 * Sends what is in the outbox. Restart-safe by construction: its only state that matters is the
 * folder, so a new process simply resumes with what is there. Retry timing is kept in memory;
 * after a restart every waiting message is tried at once.
 */
export class DeliveryLoop implements DeliveryHandle {
  readonly #options: DeliveryOptions;
  readonly #log: Log;
  readonly #now: () => number;
  /** Per message: failed attempts so far and when it may be tried again. */
  readonly #retries = new Map<string, { failures: number; dueAt: number }>();
  /** Accepted by the relay, file not removed yet (name → reference): never sent again. */
  readonly #delivered = new Map<string, string>();
  #relayDown = released();
  #outboxDown = released();
  /** Why the outbox could not be opened or swept, until a sweep succeeds. */
  #outboxProblem: string | null = null;
  /** This process's hold on the folder (outbox-lock.ts): nothing is sent without it. */
  #lock: OutboxLock | null = null;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;

  constructor(options: DeliveryOptions) {
    this.#options = options;
    this.#log = options.log ?? consoleLog;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Starts delivering what is already waiting (after a restart) and logs how it is configured.
   * An outbox that cannot be opened yet (a volume not mounted) is tried again later, not given
   * up; one that another live server holds is refused (`OutboxLockedError`): the caller stops.
   */
  async start(): Promise<void> {
    const { outbox, relay, retryMinMs } = this.#options;
    let waiting: number;
    try {
      await this.#open();
      await outbox.removeStaleTemporaries(10 * 60_000);
      waiting = (await outbox.pending()).length;
    } catch (error) {
      if (error instanceof OutboxLockedError) throw error;
      this.#outboxProblem = `the outbox ${outbox.dir} cannot be opened (${classifyFailure(error).summary})`;
      this.#log.warn(`${this.#outboxProblem}; trying again in ${duration(retryMinMs)}`);
      if (relay) this.#schedule(retryMinMs);
      return;
    }
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

  /** Makes the folder when missing and takes its lock, once. */
  async #open(): Promise<void> {
    if (this.#lock) return;
    await this.#options.outbox.ensure();
    this.#lock = await lockOutbox(this.#options.outbox.dir);
  }

  /** A message was just stored: look now (unless delivery is held back and we are waiting). */
  nudge(): void {
    if (!this.#options.relay || this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#schedule(Math.max(0, this.#relayDown.until - this.#now(), this.#outboxDown.until - this.#now()));
  }

  /** Whether messages can be delivered, and if not why: for `/healthz` and the operator. */
  health(): DeliveryHealth {
    const problems: string[] = [];
    if (this.#outboxProblem) problems.push(this.#outboxProblem);
    if (this.#delivered.size) {
      problems.push(
        `${this.#delivered.size} delivered message(s) cannot be removed from ${this.#options.outbox.dir}: ` +
          [...this.#delivered.values()].join(', '),
      );
    }
    return { ok: problems.length === 0, problems };
  }

  /** Stops after the message in flight, if any. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
    this.#options.relay?.close();
    await this.#lock?.release();
    this.#lock = null;
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
        this.#outboxProblem = `delivery from ${this.#options.outbox.dir} failed (${classifyFailure(error).summary})`;
        this.#log.warn(`${this.#outboxProblem}; will retry`);
        return this.#options.retryMinMs;
      })
      .then((nextInMs) => {
        this.#running = null;
        this.#schedule(this.#again ? 0 : nextInMs);
      });
  }

  /**
   * Before sending anything after a failed removal: the folder must be writable again. Then the
   * files of messages already delivered are removed, without sending them again.
   */
  async #outboxWritable(): Promise<boolean> {
    const { outbox } = this.#options;
    if (this.#outboxDown.until > this.#now()) return false;
    if (!(await outbox.writable())) {
      const delay = extendHold(this.#outboxDown, this.#options, this.#now());
      this.#log.warn(
        `the outbox ${outbox.dir} still cannot be written; delivery stopped, next check in ${duration(delay)}`,
      );
      return false;
    }
    for (const [name, reference] of [...this.#delivered]) {
      // Forgotten first, so /healthz stops reporting it as soon as the file is gone; passes never
      // overlap, so nothing sends it meanwhile.
      this.#delivered.delete(name);
      try {
        await outbox.remove(name);
        this.#log.info(`${reference} removed from the outbox (it was delivered before)`);
      } catch {
        // Still stuck (this one file): it stays remembered, the others go on.
        this.#delivered.set(name, reference);
      }
    }
    if (this.#outboxDown.failures) this.#log.info(`the outbox ${outbox.dir} can be written again; delivery resumes`);
    this.#outboxDown = released();
    return true;
  }

  /** The relay accepted `name`: remove its file, or remember it and say what to do. */
  async #recordDelivered(name: string, reference: string): Promise<'removed' | 'stuck' | 'outbox down'> {
    const { outbox } = this.#options;
    try {
      // Passes never overlap, so nothing can send it again while this runs.
      await outbox.remove(name);
      return 'removed';
    } catch (error) {
      this.#delivered.set(name, reference);
      const writable = await outbox.writable();
      const delay = writable ? 0 : extendHold(this.#outboxDown, this.#options, this.#now());
      this.#log.warn(
        `${reference} delivered, but it cannot be removed from ${outbox.dir} (${classifyFailure(error).summary}): ` +
          'this server will not send it again, but a restart would. Make the folder writable by the server; ' +
          (writable ? 'the other messages go on.' : `delivery stopped until then (next check in ${duration(delay)}).`),
      );
      return writable ? 'stuck' : 'outbox down';
    }
  }

  /** One sweep of the outbox. Returns how long to wait before the next one. */
  async pass(): Promise<number> {
    const { outbox, relay, rescanMs } = this.#options;
    if (!relay) return rescanMs;
    await this.#open();
    const heldBack = this.#delivered.size > 0 || this.#outboxDown.failures > 0;
    if (heldBack && !(await this.#outboxWritable())) return this.#nextPassIn();
    const entries = await outbox.pending();
    this.#outboxProblem = null;
    const present = new Set(entries.map((entry) => entry.name));
    for (const name of this.#retries.keys()) if (!present.has(name)) this.#retries.delete(name);
    for (const name of this.#delivered.keys()) if (!present.has(name)) this.#delivered.delete(name);

    for (const entry of entries) {
      if (this.#stopped) break;
      const now = this.#now();
      if (this.#relayDown.until > now) break;
      if (this.#delivered.has(entry.name)) continue;
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
        const action = afterFailure(
          error,
          { queuedAt: entry.queuedAt, failures: retry?.failures ?? 0 },
          now,
          this.#options,
        );
        if (action.kind === 'relay down') {
          const delay = extendHold(this.#relayDown, this.#options, this.#now());
          this.#log.warn(
            `relay unavailable (${action.summary}); ${entries.length} waiting, next try in ${duration(delay)}`,
          );
          break;
        }
        if (action.kind === 'fail') {
          await outbox.markFailed(entry.name, action.reason, new Date(now), action.givenUp);
          this.#retries.delete(entry.name);
          this.#log.warn(
            `${entry.reference} ${action.givenUp ? 'given up' : 'refused by the relay'} (${action.reason}); moved to ${outbox.failedDir}. ` +
              `Fix the cause, then run "npm run outbox -- retry ${entry.reference}".`,
          );
        } else {
          this.#retries.set(entry.name, { failures: action.failures, dueAt: this.#now() + action.delayMs });
          this.#log.warn(
            `${entry.reference} deferred by the relay (${action.summary}); attempt ${action.failures}, ` +
              `next in ${duration(action.delayMs)}`,
          );
        }
        continue;
      }
      this.#relayDown = released();
      this.#retries.delete(entry.name);
      const recorded = await this.#recordDelivered(entry.name, entry.reference);
      if (recorded === 'removed') this.#log.info(`${entry.reference} delivered`);
      if (recorded === 'outbox down') break;
    }
    return this.#nextPassIn();
  }

  #nextPassIn(): number {
    const now = this.#now();
    const dues = [...this.#retries.values()].map((retry) => retry.dueAt - now);
    for (const hold of [this.#relayDown, this.#outboxDown]) if (hold.until > now) dues.push(hold.until - now);
    return Math.max(0, Math.min(this.#options.rescanMs, ...dues));
  }
}

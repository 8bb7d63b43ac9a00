/**
 * Subscriptions: every read and write of the `subscribers` table, and the lookups of links.
 * A subscriber's choices take effect only through the confirmation link (double opt-in): a
 * new request, for a new address or one already subscribed, only sets pending choices and a
 * new link, so nobody can change someone else's alerts by typing their address.
 */
import type { AlertsDatabase } from './database.ts';
import { newToken, tokenHash } from './tokens.ts';

/** What a subscriber asked for. */
export interface AlertChoices {
  /** Policy ids, in the site's order; at least one. */
  readonly policies: readonly string[];
  /** Only versions whose change is `substantive`. */
  readonly substantiveOnly: boolean;
}

/** Everything stored about one address: what `npm run alerts -- export` prints. */
export interface SubscriberRecord {
  readonly address: string;
  readonly confirmed: AlertChoices | null;
  readonly pending: AlertChoices;
  readonly createdAt: string;
  readonly confirmedAt: string | null;
  readonly confirmationLinkExpiresAt: string | null;
  readonly alertsQueued: number;
}

export type ConfirmationRequest =
  /** A link to send: the address was sent fewer confirmations than the daily limit today. */
  | { readonly kind: 'send'; readonly address: string; readonly token: string }
  /** The daily limit reached: nothing is sent (the visitor is answered the same). */
  | { readonly kind: 'limited' };

export type LinkLookup =
  | { readonly kind: 'confirmed'; readonly choices: AlertChoices }
  | { readonly kind: 'expired' }
  | { readonly kind: 'unknown' };

interface SubscriberRow {
  id: number;
  address: string;
  policies: string | null;
  substantive_only: number | null;
  pending_policies: string;
  pending_substantive_only: number;
  confirm_token_hash: string | null;
  confirm_expires_at: number | null;
  confirmations_day: string | null;
  confirmations_sent: number;
  created_at: number;
  confirmed_at: number | null;
}

const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function choicesOf(policies: string, substantiveOnly: number): AlertChoices {
  return { policies: policies.split(',').filter(Boolean), substantiveOnly: substantiveOnly === 1 };
}

export class Subscriptions {
  readonly #db: AlertsDatabase;
  readonly #lifetimeMs: number;
  readonly #perDay: number;

  constructor(db: AlertsDatabase, options: { readonly linkLifetimeMs: number; readonly confirmationsPerDay: number }) {
    this.#db = db;
    this.#lifetimeMs = options.linkLifetimeMs;
    this.#perDay = options.confirmationsPerDay;
  }

  #byAddress(address: string): SubscriberRow | undefined {
    return this.#db.prepare('SELECT * FROM subscribers WHERE address = ?').get(address.trim()) as
      SubscriberRow | undefined;
  }

  #byConfirmToken(token: string): SubscriberRow | undefined {
    return this.#db.prepare('SELECT * FROM subscribers WHERE confirm_token_hash = ?').get(tokenHash(token)) as
      SubscriberRow | undefined;
  }

  /**
   * Records a request to subscribe (or to change one's choices) and makes a new confirmation
   * link, unless the address has had its confirmations for today (the mail-bomb limit).
   */
  requestConfirmation(address: string, choices: AlertChoices, now = Date.now()): ConfirmationRequest {
    const request = this.#db.transaction((): ConfirmationRequest => {
      const trimmed = address.trim();
      const row = this.#byAddress(trimmed);
      const day = utcDay(now);
      const sentToday = row?.confirmations_day === day ? row.confirmations_sent : 0;
      if (sentToday >= this.#perDay) return { kind: 'limited' };
      const token = newToken();
      const values = {
        address: trimmed,
        policies: choices.policies.join(','),
        substantiveOnly: choices.substantiveOnly ? 1 : 0,
        hash: tokenHash(token),
        expires: now + this.#lifetimeMs,
        day,
        sent: sentToday + 1,
        now,
      };
      this.#db
        .prepare(
          `INSERT INTO subscribers (address, pending_policies, pending_substantive_only, confirm_token_hash,
             confirm_expires_at, confirmations_day, confirmations_sent, created_at)
           VALUES (@address, @policies, @substantiveOnly, @hash, @expires, @day, @sent, @now)
           ON CONFLICT (address) DO UPDATE SET pending_policies = @policies,
             pending_substantive_only = @substantiveOnly, confirm_token_hash = @hash,
             confirm_expires_at = @expires, confirmations_day = @day, confirmations_sent = @sent`,
        )
        .run(values);
      return { kind: 'send', address: row?.address ?? trimmed, token };
    });
    return request.immediate();
  }

  /** What a confirmation link leads to, without following it (the page before its button). */
  linkState(token: string, now = Date.now()): 'valid' | 'expired' | 'unknown' {
    const row = this.#byConfirmToken(token);
    if (!row) return 'unknown';
    return (row.confirm_expires_at ?? 0) <= now ? 'expired' : 'valid';
  }

  /**
   * Follows a confirmation link: the pending choices become the subscriber's. Idempotent: the
   * same link again, until it expires, confirms the same choices again.
   */
  confirm(token: string, now = Date.now()): LinkLookup {
    const row = this.#byConfirmToken(token);
    if (!row) return { kind: 'unknown' };
    if ((row.confirm_expires_at ?? 0) <= now) return { kind: 'expired' };
    this.#db
      .prepare(
        `UPDATE subscribers SET policies = pending_policies, substantive_only = pending_substantive_only,
           confirmed_at = COALESCE(confirmed_at, ?) WHERE id = ?`,
      )
      .run(now, row.id);
    return { kind: 'confirmed', choices: choicesOf(row.pending_policies, row.pending_substantive_only) };
  }

  /** The choices a confirmation link would confirm, or null for an unknown link. */
  pendingChoices(token: string): AlertChoices | null {
    const row = this.#byConfirmToken(token);
    return row ? choicesOf(row.pending_policies, row.pending_substantive_only) : null;
  }

  /** A new link for the address and choices of an expired one (the limit applies). */
  renew(token: string, now = Date.now()): ConfirmationRequest | null {
    const row = this.#byConfirmToken(token);
    if (!row) return null;
    return this.requestConfirmation(row.address, choicesOf(row.pending_policies, row.pending_substantive_only), now);
  }

  /**
   * Follows an unsubscribe link (from an alert message): deletes the subscriber, keeping
   * nothing of them. `unknown` for a token no message carried; a second use is `done` again.
   */
  unsubscribe(token: string): 'done' | 'unknown' {
    const row = this.#db
      .prepare('SELECT subscriber_id FROM alert_messages WHERE unsubscribe_token_hash = ?')
      .get(tokenHash(token)) as { subscriber_id: number | null } | undefined;
    if (!row) return 'unknown';
    if (row.subscriber_id !== null) this.#db.prepare('DELETE FROM subscribers WHERE id = ?').run(row.subscriber_id);
    return 'done';
  }

  /** What is stored about `address`, or null. */
  export(address: string): SubscriberRecord | null {
    const row = this.#byAddress(address);
    if (!row) return null;
    const { count } = this.#db
      .prepare("SELECT COUNT(*) AS count FROM alert_messages WHERE subscriber_id = ? AND state = 'queued'")
      .get(row.id) as { count: number };
    return {
      address: row.address,
      confirmed:
        row.confirmed_at !== null && row.policies !== null ? choicesOf(row.policies, row.substantive_only ?? 0) : null,
      pending: choicesOf(row.pending_policies, row.pending_substantive_only),
      createdAt: iso(row.created_at) ?? '',
      confirmedAt: iso(row.confirmed_at),
      confirmationLinkExpiresAt: iso(row.confirm_expires_at),
      alertsQueued: count,
    };
  }

  /** Every address, for support (`npm run alerts -- list`). */
  list(): SubscriberRecord[] {
    const rows = this.#db.prepare('SELECT address FROM subscribers ORDER BY created_at, id').all() as {
      address: string;
    }[];
    return rows.map((row) => this.export(row.address)).filter((record) => record !== null);
  }

  /** Deletes everything about `address` (a request to delete); false when there was nothing. */
  delete(address: string): boolean {
    return this.#db.prepare('DELETE FROM subscribers WHERE address = ?').run(address.trim()).changes > 0;
  }

  /** Counts for the health check and the logs: never an address. */
  counts(): { confirmed: number; unconfirmed: number } {
    const row = this.#db
      .prepare(
        `SELECT COUNT(confirmed_at) AS confirmed, COUNT(*) - COUNT(confirmed_at) AS unconfirmed FROM subscribers`,
      )
      .get() as { confirmed: number; unconfirmed: number };
    return { confirmed: row.confirmed, unconfirmed: row.unconfirmed };
  }

  /** Forgets addresses that never confirmed, a lifetime after their last link expired. */
  forgetUnconfirmed(now = Date.now()): number {
    return this.#db
      .prepare('DELETE FROM subscribers WHERE confirmed_at IS NULL AND confirm_expires_at < ?')
      .run(now - this.#lifetimeMs).changes;
  }
}

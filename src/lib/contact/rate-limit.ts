/**
 * A per-client limit on accepted messages: at most `limit` in any `windowMs` (a sliding window),
 * so one client cannot flood the support inbox or the outbox's disk. In memory: a restart
 * forgets it, which is acceptable for a limit meant to slow floods, not to count exactly.
 */
export interface RateDecision {
  readonly allowed: boolean;
  /** Whole seconds until the oldest counted message leaves the window (for `Retry-After`). */
  readonly retryAfterSeconds: number;
}

export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #maxClients: number;
  readonly #hits = new Map<string, number[]>();

  /**
   * @param limit messages per window per client; 0 turns the limiter off.
   * @param maxClients clients remembered at once; the least recently seen are forgotten first,
   *   so a flood of distinct addresses cannot exhaust memory.
   */
  constructor(limit: number, windowMs: number, maxClients = 10_000) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#maxClients = maxClients;
  }

  /** Counts one message from `client` at `now` when allowed; refuses without counting otherwise. */
  take(client: string, now: number): RateDecision {
    if (this.#limit <= 0) return { allowed: true, retryAfterSeconds: 0 };
    const since = now - this.#windowMs;
    const recent = (this.#hits.get(client) ?? []).filter((time) => time > since);
    this.#hits.delete(client);
    if (recent.length >= this.#limit) {
      this.#hits.set(client, recent);
      const oldest = recent[0] ?? now;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.#windowMs - now) / 1000)) };
    }
    recent.push(now);
    // Map keeps insertion order: re-inserting makes this client the most recent.
    this.#hits.set(client, recent);
    while (this.#hits.size > this.#maxClients) {
      const leastRecent = this.#hits.keys().next().value;
      if (leastRecent === undefined) break;
      this.#hits.delete(leastRecent);
    }
    return { allowed: true, retryAfterSeconds: 0 };
  }
}

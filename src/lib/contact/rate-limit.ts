/**
 * A per-client limit on accepted messages: at most `limit` in any `windowMs` (a sliding window),
 * so one client cannot flood the support inbox or the outbox's disk. In memory: a restart
 * forgets it, which is acceptable for a limit meant to slow floods, not to count exactly.
 */
import { isIPv4, isIPv6 } from 'node:net';
export interface RateDecision {
  readonly allowed: boolean;
  /** Whole seconds until the oldest counted message leaves the window (for `Retry-After`). */
  readonly retryAfterSeconds: number;
}

/** The eight 16-bit groups of an IPv6 address, `::` expanded; null if it does not parse. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase().split('%')[0] ?? '';
  // A trailing IPv4 part (`::ffff:192.0.2.1`) is two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const start = parse(head);
  const end = tail === undefined ? [] : parse(tail);
  const groups = [...start, ...Array<number>(8 - start.length - end.length).fill(0), ...end];
  return groups.length === 8 && groups.every((group) => Number.isInteger(group) && group >= 0) ? groups : null;
}

/**
 * Whose messages count together: an IPv4 address on its own, an IPv6 client by its /64 — the
 * block one subscriber is given, inside which it can pick any of 2^64 addresses at will.
 * IPv4-mapped addresses (`::ffff:192.0.2.1`) count as the IPv4 address they carry.
 */
export function clientKey(address: string): string {
  if (isIPv4(address) || !isIPv6(address)) return address;
  const groups = ipv6Groups(address);
  if (!groups) return address;
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
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

  /**
   * Counts one message from the client at `address` (keyed by `clientKey`) at `now` when
   * allowed; refuses without counting otherwise.
   */
  take(address: string, now: number): RateDecision {
    if (this.#limit <= 0) return { allowed: true, retryAfterSeconds: 0 };
    const client = clientKey(address);
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

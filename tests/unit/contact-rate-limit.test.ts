import { describe, expect, it } from 'vitest';
import { clientKey, RateLimiter } from '../../src/lib/contact/rate-limit.ts';

describe('RateLimiter', () => {
  it('allows `limit` per window per client, then says when to come back', () => {
    const limiter = new RateLimiter(2, 60_000);
    expect(limiter.take('a', 0).allowed).toBe(true);
    expect(limiter.take('a', 10_000).allowed).toBe(true);
    expect(limiter.take('a', 20_000)).toEqual({ allowed: false, retryAfterSeconds: 40 });
    expect(limiter.take('b', 20_000).allowed).toBe(true);
    // The window slides: the first message leaves it at 60 s.
    expect(limiter.take('a', 60_001).allowed).toBe(true);
    expect(limiter.take('a', 60_002)).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it('refusals do not count, so waiting as told always works', () => {
    const limiter = new RateLimiter(1, 1000);
    limiter.take('a', 0);
    for (let t = 1; t < 1000; t += 100) expect(limiter.take('a', t).allowed).toBe(false);
    expect(limiter.take('a', 1000).allowed).toBe(true);
  });

  it('is off at 0', () => {
    const limiter = new RateLimiter(0, 60_000);
    for (let i = 0; i < 100; i++) expect(limiter.take('a', i).allowed).toBe(true);
  });

  it('remembers a bounded number of clients, forgetting the least recent', () => {
    const limiter = new RateLimiter(1, 60_000, 2);
    limiter.take('a', 0);
    limiter.take('b', 1);
    limiter.take('c', 2); // forgets a
    expect(limiter.take('a', 3).allowed).toBe(true);
    expect(limiter.take('c', 4).allowed).toBe(false);
  });
});

describe('clientKey', () => {
  it('counts an IPv6 client by its /64, whatever the spelling', () => {
    expect(clientKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0DB8:0001:0002::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientKey('2001:db8:1:3::1')).not.toBe(clientKey('2001:db8:1:2::1'));
  });

  it('keeps IPv4 addresses, also when IPv4-mapped, and leaves anything else as it is', () => {
    expect(clientKey('198.51.100.7')).toBe('198.51.100.7');
    expect(clientKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(clientKey('::ffff:c633:6407')).toBe('198.51.100.7');
    expect(clientKey('unknown')).toBe('unknown');
  });

  it('makes the limiter refuse a client hopping between addresses of its /64', () => {
    const limiter = new RateLimiter(2, 60_000);
    expect(limiter.take('2001:db8:1:2::a', 0).allowed).toBe(true);
    expect(limiter.take('2001:db8:1:2::b', 1).allowed).toBe(true);
    expect(limiter.take('2001:db8:1:2:ffff::c', 2).allowed).toBe(false);
    expect(limiter.take('2001:db8:1:3::a', 3).allowed).toBe(true);
  });
});

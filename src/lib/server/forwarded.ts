/**
 * Forwarded headers are believed only from a proxy we were told about (`TRUST_PROXY=true`).
 * Astro takes the client address from the first `X-Forwarded-For` entry and the host and
 * protocol from the first `X-Forwarded-Host`/`-Proto`/`-Port` entry; without a proxy in front, any client
 * could write them, and pick its own rate-limit identity. So the server strips them, or, behind
 * one trusted proxy, keeps only the entry that proxy wrote (the last one, the one it added), so
 * that Astro, the rate limit and HSTS (headers.ts `requestIsHttps`) all read the same value.
 */
import type { IncomingHttpHeaders } from 'node:http';

const forwarded = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port'] as const;

/** The last entry of a header that may repeat and hold a comma-separated chain. */
export function lastEntry(value: string | string[] | undefined): string | undefined {
  return [value ?? []]
    .flat()
    .flatMap((entry) => entry.split(','))
    .map((entry) => entry.trim())
    .filter(Boolean)
    .at(-1);
}

export function normalizeForwardedHeaders(headers: IncomingHttpHeaders, trustProxy: boolean): void {
  for (const name of forwarded) {
    const entry = trustProxy ? lastEntry(headers[name]) : undefined;
    if (entry) headers[name] = entry;
    else Reflect.deleteProperty(headers, name);
  }
}

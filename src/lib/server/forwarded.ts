/**
 * Forwarded headers are believed only from a proxy we were told about (`TRUST_PROXY=true`).
 * Astro takes the client address from the first `X-Forwarded-For` entry and the host and
 * protocol from `X-Forwarded-Host`/`-Proto` when present; without a proxy in front, any client
 * could write them, and pick its own rate-limit identity. So the server strips them, or, behind
 * one trusted proxy, keeps only the address that proxy saw (the last entry, the one it added).
 */
import type { IncomingHttpHeaders } from 'node:http';

export function normalizeForwardedHeaders(headers: IncomingHttpHeaders, trustProxy: boolean): void {
  if (!trustProxy) {
    delete headers['x-forwarded-for'];
    delete headers['x-forwarded-host'];
    delete headers['x-forwarded-proto'];
    delete headers['x-forwarded-port'];
    return;
  }
  const chain = [headers['x-forwarded-for'] ?? []]
    .flat()
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  const client = chain.at(-1);
  if (client) headers['x-forwarded-for'] = client;
  else delete headers['x-forwarded-for'];
}

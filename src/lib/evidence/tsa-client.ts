/**
 * Asking a time-stamping authority (`TSA_URL`) for a token: RFC 3161 over HTTP (RFC 3161 §3.4),
 * a POST of `application/timestamp-query`, answered with `application/timestamp-reply`.
 * Whatever goes wrong on the way (network, HTTP status, a refusal) is a TsaUnavailable: an
 * operational error, retried on the next run. A reply for another hash or nonce is not: it
 * throws an Error (integrity).
 */
import { readTimestampReply, requestNonce, timestampRequest, TimestampError, type TimestampInfo } from './timestamp.ts';

export class TsaUnavailable extends Error {
  override name = 'TsaUnavailable';
}

/** The authority's reply (the bytes to store as `.tsr`) for a text's SHA-256, and what it says. */
export async function requestTimestamp(
  tsaUrl: string,
  sha256: string,
  timeoutMs = 30_000,
): Promise<{ reply: Uint8Array; info: TimestampInfo }> {
  const request = timestampRequest(sha256);
  let response: Response;
  try {
    response = await fetch(tsaUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query', Accept: 'application/timestamp-reply' },
      body: new Uint8Array(request),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    throw new TsaUnavailable(`${tsaUrl} could not be reached: ${cause?.message ?? (error as Error).message}`);
  }
  if (!response.ok) throw new TsaUnavailable(`${tsaUrl} answered HTTP ${response.status}`);
  const reply = new Uint8Array(await response.arrayBuffer());
  let info: TimestampInfo;
  try {
    info = readTimestampReply(reply);
  } catch (error) {
    if (error instanceof TimestampError) throw new TsaUnavailable(`${tsaUrl}: ${error.message}`);
    throw new TsaUnavailable(`${tsaUrl} did not answer with a time-stamp reply: ${(error as Error).message}`);
  }
  if (info.imprintSha256 !== sha256) {
    throw new Error(`${tsaUrl} time-stamped another hash (${info.imprintSha256}) than the text's (${sha256})`);
  }
  if (info.nonce !== requestNonce(request)) throw new Error(`${tsaUrl} answered with another request's nonce`);
  return { reply, info };
}

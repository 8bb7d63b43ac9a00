/**
 * The server settings a load benchmark runs with: a fresh outbox, the local SMTP server, and the
 * abuse guards off — with the rate limit and the minimum fill time on, nearly every request of a
 * load test would be refused or silently dropped, and the figures would measure the refusal.
 * Retries are quick so that the outbox empties soon after the load stops.
 */
export function loadTestServerEnv(outbox: string, smtpUrl: string): Record<string, string> {
  return {
    OUTBOX_DIR: outbox,
    SMTP_URL: smtpUrl,
    CONTACT_RATE_LIMIT: '0',
    CONTACT_MIN_FILL_MS: '0',
    OUTBOX_RETRY_MIN_MS: '100',
    OUTBOX_RETRY_MAX_MS: '1000',
  };
}

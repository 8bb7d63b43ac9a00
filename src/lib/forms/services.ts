/**
 * What every form's handler needs besides its own settings (the contact form's
 * src/lib/contact/submit.ts, the alerts' src/lib/alerts/subscribe.ts): the per-client rate
 * limit, the signed fill time, and the outbox with its delivery loop. One of each per process,
 * shared by the forms (src/lib/contact/services.ts makes them). Astro's origin check and the
 * honeypot field need nothing here.
 */
import type { Log } from '../contact/log.ts';
import type { Outbox } from '../contact/outbox.ts';
import type { RateLimiter } from '../contact/rate-limit.ts';
import type { FillTime } from './fill-time.ts';

export interface FormServices {
  readonly limiter: RateLimiter;
  /** Signs and checks the form's `started` field (the fill-time trap). */
  readonly fillTime: FillTime;
  readonly outbox: Outbox;
  /** Tells the delivery loop a message is waiting. */
  readonly nudge: () => void;
  readonly log: Log;
  readonly now?: () => number;
}

/**
 * A form page's headers: never cached (it carries a signed start time, a token or someone's
 * answers), and `Referrer-Policy: same-origin` instead of the site's `no-referrer`, with which
 * browsers send `Origin: null` with a form post and Astro's origin check must refuse it;
 * `same-origin` sends our own origin to ourselves and still nothing to other sites.
 */
export const formPageHeaders = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin' } as const;

export function setFormPageHeaders(headers: Headers): void {
  for (const [name, value] of Object.entries(formPageHeaders)) headers.set(name, value);
}

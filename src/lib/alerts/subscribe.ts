/**
 * What `POST /api/subscribe` and the confirmation page do, independent of Astro (plain
 * `Request` objects in tests). The answer to a valid request is always the same page, whether
 * the address is new, subscribed already, or had its confirmations for today: it reveals
 * nothing about who is subscribed. The contact form's defences apply: Astro's origin check,
 * the honeypot, the signed fill time (src/lib/forms/fill-time.ts) and a per-client rate limit.
 */
import { newReference } from '../contact/reference.ts';
import type { FormServices } from '../forms/services.ts';
import { maxBodyBytes } from '../contact/schema.ts';
import { bodyFormat, decodeBody, readLimited, type BodyFormat } from '../contact/submit.ts';
import { plural } from '../text.ts';
import type { AlertsConfig } from './config.ts';
import { subscribeFormName, subscribeValues, validateSubscribe, type SubscribeFormState } from './form.ts';
import { confirmationMessage } from './messages.ts';
import type { AlertChoices, ConfirmationRequest, Subscriptions } from './subscriptions.ts';

/** The forms' services (the contact form's outbox and fill time, a rate limiter of its own), and the subscriptions. */
export interface SubscribeDependencies extends FormServices {
  readonly config: AlertsConfig;
  readonly subscriptions: Subscriptions;
}

export type SubscribeResult =
  /** "Check your email": the same answer for every valid request (and for bots). */
  | { readonly kind: 'accepted' }
  | { readonly kind: 'form'; readonly state: SubscribeFormState; readonly retryAfterSeconds?: number }
  | { readonly kind: 'refused'; readonly status: 400 | 403 | 413 | 415; readonly message: string };

export const subscribeNotices = {
  tooMany: (seconds: number) =>
    `You have asked too many times in a short time. Wait ${plural(seconds, 'second')}, then try again.`,
  expired: () =>
    'This form was open for too long, so nothing has been sent. Check your answers, then select "Subscribe" again.',
  notSaved: (supportEmail: string) =>
    `Sorry, there is a problem with this form and nothing has been sent. Try again later, or email ${supportEmail}.`,
} as const;

/** Puts a confirmation link in the outbox, when the request is not over the day's limit. */
export async function sendConfirmation(
  request: ConfirmationRequest,
  choices: AlertChoices,
  deps: SubscribeDependencies,
  now: number,
): Promise<void> {
  if (request.kind === 'limited') {
    deps.log.info('a confirmation was not sent: the address had its confirmations for today');
    return;
  }
  const reference = newReference();
  const raw = await confirmationMessage(
    { to: request.address, token: request.token, choices, reference },
    deps.config,
    new Date(now),
  );
  await deps.outbox.enqueue(reference, raw, new Date(now));
  deps.log.info(`${reference} confirmation queued`);
  deps.nudge();
}

/**
 * The form shown again: the values kept, and the `started` value kept when the server signed it
 * and it has not expired (the time a person spent counts), else one signed now.
 */
function state(
  input: Readonly<Record<string, unknown>>,
  deps: SubscribeDependencies,
  now: number,
  status: number,
): SubscribeFormState {
  const check = deps.fillTime.check(subscribeFormName, input.started, now);
  const kept = (check.ok || check.problem === 'too fast') && typeof input.started === 'string';
  const started = kept ? (input.started as string) : deps.fillTime.sign(subscribeFormName, now);
  return { values: subscribeValues(input), errors: [], notices: [], started, status };
}

export async function handleSubscribe(
  request: Request,
  clientAddress: string,
  deps: SubscribeDependencies,
): Promise<{ format: BodyFormat | null; result: SubscribeResult }> {
  const now = (deps.now ?? Date.now)();
  const format = bodyFormat(request.headers.get('content-type'));
  const refuse = (status: 400 | 403 | 413 | 415, message: string) => ({
    format,
    result: { kind: 'refused', status, message } as const,
  });
  if (!format) return refuse(415, 'Send the form as application/x-www-form-urlencoded, or as application/json.');
  const origin = request.headers.get('origin');
  if (format === 'json' && origin !== null && origin !== new URL(request.url).origin) {
    return refuse(403, 'Cross-site submissions are refused.');
  }
  let text: string;
  try {
    text = await readLimited(request, maxBodyBytes);
  } catch {
    return refuse(400, 'The request body is too large or not valid UTF-8.');
  }
  const input = decodeBody(text, format);
  if (!input) return refuse(400, 'The request body is not a single set of form fields.');
  const validation = validateSubscribe(input);
  if (validation.kind === 'malformed') return refuse(400, `The form sent something unexpected (${validation.reason}).`);
  if (validation.kind === 'invalid') {
    return { format, result: { kind: 'form', state: { ...state(input, deps, now, 422), errors: validation.errors } } };
  }
  const fill = deps.fillTime.check(subscribeFormName, input.started, now);
  if (!fill.ok && fill.problem === 'expired') {
    // A person who left the form open: the form comes back with a fresh time, values kept.
    const notices = [subscribeNotices.expired()];
    return { format, result: { kind: 'form', state: { ...state(input, deps, now, 422), notices } } };
  }
  const rate = deps.limiter.take(clientAddress, now);
  if (!rate.allowed) {
    const notices = [subscribeNotices.tooMany(rate.retryAfterSeconds)];
    return {
      format,
      result: {
        kind: 'form',
        state: { ...state(input, deps, now, 429), notices },
        retryAfterSeconds: rate.retryAfterSeconds,
      },
    };
  }
  // The honeypot filled in, or a time the server did not sign (missing, forged), too fast or far ahead.
  const honeypot = typeof input.website === 'string' && input.website !== '';
  const trap = honeypot ? 'honeypot filled in' : fill.ok ? null : `start time ${fill.problem}`;
  if (trap) {
    deps.log.info(`dropped a subscription request (${trap})`);
    return { format, result: { kind: 'accepted' } };
  }
  try {
    const confirmation = deps.subscriptions.requestConfirmation(validation.address, validation.choices, now);
    await sendConfirmation(confirmation, validation.choices, deps, now);
  } catch (error) {
    deps.log.warn(`could not record a subscription request (${(error as { code?: string }).code ?? 'error'})`);
    const notices = [subscribeNotices.notSaved(deps.config.contact.supportEmail)];
    return { format, result: { kind: 'form', state: { ...state(input, deps, now, 503), notices } } };
  }
  return { format, result: { kind: 'accepted' } };
}

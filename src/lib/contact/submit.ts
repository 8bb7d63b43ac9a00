/**
 * What `POST /api/contact` does with a request, independent of Astro so it can be tested with
 * plain `Request` objects: read at most 32 KB of an accepted content type, validate with the
 * shared schema, apply the rate limit and the bot traps, then store the message durably.
 * The endpoint (src/pages/api/contact.ts) only turns the result into a response.
 */
import type { FormServices } from '../forms/services.ts';
import type { ContactConfig } from './config.ts';
import { contactFormName, formValues, keptStart, type ContactFormState } from './form.ts';
import { classifyFailure, composeMessage } from './mailer.ts';
import { newReference } from './reference.ts';
import { limits, maxBodyBytes, validateContact } from './schema.ts';
import { plural } from '../text.ts';

/** How the request was sent: the plain HTML form, or the enhanced form's fetch. */
export type BodyFormat = 'form' | 'json';

export type SubmitResult =
  /** Stored (or, for a bot, silently dropped: `stored` false). */
  | { readonly kind: 'accepted'; readonly reference: string; readonly stored: boolean }
  /** Something to fix, or a problem to explain, shown on the form with the values kept. */
  | { readonly kind: 'form'; readonly state: ContactFormState; readonly retryAfterSeconds?: number }
  /** Nothing our form sends: answered with a short text, not a page. */
  | { readonly kind: 'refused'; readonly status: 400 | 403 | 413 | 415; readonly message: string };

export interface SubmitDependencies extends FormServices {
  readonly config: ContactConfig;
}

/** Notices shown in the error summary when the problem belongs to no field. */
export const notices = {
  tooManyMessages: (seconds: number) =>
    `You have sent too many messages in a short time. Wait ${plural(seconds, 'second')}, then send your message again.`,
  notSaved: (supportEmail: string) =>
    `Sorry, there is a problem with this form and your message has not been sent. Try again later, or email ${supportEmail}.`,
  expired: () =>
    'This form was open for too long, so your message has not been sent. Check your answers, then send your message again.',
  tooLarge: () =>
    `Your message was too long to send, so it has not been sent. Go back to keep what you wrote, shorten your message to ${limits.message.toLocaleString('en-US')} characters or less, then send it again.`,
} as const;

/** The body format from `Content-Type`, or null for any other type. */
export function bodyFormat(contentType: string | null): BodyFormat | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type === 'application/json') return 'json';
  return null;
}

class TooLarge extends Error {}

/** Reads the body as UTF-8 text, giving up (without reading on) past `limit` bytes. */
export async function readLimited(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) throw new TooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new TooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
}

/** Decodes the body into field → text; null when it is not something our form could send. */
export function decodeBody(text: string, format: BodyFormat): Record<string, unknown> | null {
  if (format === 'form') {
    const params = new URLSearchParams(text);
    const fields: Record<string, string> = {};
    for (const [key, value] of params) {
      if (Object.hasOwn(fields, key)) return null; // a field sent twice
      fields[key] = value;
    }
    return fields;
  }
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function formState(input: Readonly<Record<string, unknown>>, deps: SubmitDependencies, now: number, status: number) {
  return { values: formValues(input), errors: [], notices: [], started: keptStart(input, deps.fillTime, now), status };
}

/** Handles one submission. Resolves with what to answer and how the request was sent. */
export async function handleSubmission(
  request: Request,
  clientAddress: string,
  deps: SubmitDependencies,
): Promise<{ format: BodyFormat | null; result: SubmitResult }> {
  const now = (deps.now ?? Date.now)();
  const format = bodyFormat(request.headers.get('content-type'));
  if (!format) {
    return {
      format,
      result: {
        kind: 'refused',
        status: 415,
        message: 'Send the form as application/x-www-form-urlencoded, or as application/json.',
      },
    };
  }
  // Astro's origin check covers form posts; a cross-site fetch with JSON needs CORS, which we
  // never grant, but refuse a foreign Origin here too rather than rely on that alone.
  const origin = request.headers.get('origin');
  if (format === 'json' && origin !== null && origin !== new URL(request.url).origin) {
    return { format, result: { kind: 'refused', status: 403, message: 'Cross-site submissions are refused.' } };
  }

  let text: string;
  try {
    text = await readLimited(request, maxBodyBytes);
  } catch (error) {
    if (error instanceof TooLarge) {
      if (format === 'form') {
        return {
          format,
          result: { kind: 'form', state: { ...formState({}, deps, now, 413), notices: [notices.tooLarge()] } },
        };
      }
      return { format, result: { kind: 'refused', status: 413, message: notices.tooLarge() } };
    }
    return { format, result: { kind: 'refused', status: 400, message: 'The request body is not valid UTF-8.' } };
  }

  const input = decodeBody(text, format);
  if (!input) {
    return {
      format,
      result: { kind: 'refused', status: 400, message: 'The request body is not a single set of form fields.' },
    };
  }
  const validation = validateContact(input);
  if (validation.kind === 'malformed') {
    return {
      format,
      result: { kind: 'refused', status: 400, message: `The form sent something unexpected (${validation.reason}).` },
    };
  }
  if (validation.kind === 'invalid') {
    return {
      format,
      result: { kind: 'form', state: { ...formState(input, deps, now, 422), errors: validation.errors } },
    };
  }

  const { submission } = validation;
  const fill = deps.fillTime.check(contactFormName, submission.started, now);
  if (!fill.ok && fill.problem === 'expired') {
    // A person who left the form open: nothing is lost, the form comes back with a fresh time.
    return {
      format,
      result: { kind: 'form', state: { ...formState(input, deps, now, 422), notices: [notices.expired()] } },
    };
  }

  // Only submissions that would be sent count: someone correcting mistakes is never locked out.
  const rate = deps.limiter.take(clientAddress, now);
  if (!rate.allowed) {
    return {
      format,
      result: {
        kind: 'form',
        state: { ...formState(input, deps, now, 429), notices: [notices.tooManyMessages(rate.retryAfterSeconds)] },
        retryAfterSeconds: rate.retryAfterSeconds,
      },
    };
  }

  const reference = newReference();
  // A time the server did not sign (missing, forged), or too fast or far ahead: a bot.
  const trap = submission.honeypot !== '' ? 'honeypot filled in' : fill.ok ? null : `start time ${fill.problem}`;
  if (trap) {
    // Answered exactly like a real message, so a bot learns nothing; never stored or sent.
    deps.log.info(`dropped a submission (${trap})`);
    return { format, result: { kind: 'accepted', reference, stored: false } };
  }

  try {
    const raw = await composeMessage(submission, { reference, receivedAt: new Date(now), config: deps.config });
    await deps.outbox.enqueue(reference, raw, new Date(now));
  } catch (error) {
    const { summary } = classifyFailure(error); // the error code only: never a path to content
    deps.log.warn(`could not store a message in ${deps.outbox.dir} (${summary}); the sender was asked to try again`);
    return {
      format,
      result: {
        kind: 'form',
        state: { ...formState(input, deps, now, 503), notices: [notices.notSaved(deps.config.supportEmail)] },
      },
    };
  }
  deps.log.info(`${reference} queued`);
  deps.nudge();
  return { format, result: { kind: 'accepted', reference, stored: true } };
}

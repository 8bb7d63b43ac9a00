/**
 * Posting the contact form as a browser without JavaScript does (urlencoded, with our Origin),
 * for tests that talk to a server or a proxy directly.
 */
import { signedStart } from './site-server.ts';

/** A valid submission with a signed start time, `extra` on top. */
export function contactFields(message: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    name: 'Test Sender',
    email: 'sender@example.net',
    topic: 'policy-question',
    message,
    website: '',
    started: signedStart(),
    ...extra,
  };
}

/** POST /api/contact at `origin`; redirects are not followed (a 303 names the reference). */
export function postContact(
  origin: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${origin}/api/contact`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin, ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

/** The reference in a 303 to the confirmation page, or null. */
export function referenceIn(response: Response): string | null {
  return /ref=(AW-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(response.headers.get('location') ?? '')?.[1] ?? null;
}

/**
 * POST /api/contact: the contact form's one on-demand route. The work is in
 * src/lib/contact/submit.ts; this file turns its result into a response:
 * - the plain HTML form (urlencoded): 303 to the confirmation page, or the contact page again
 *   with the errors and the values kept (rendered here, by rewrite, so it works without JavaScript);
 * - the enhanced form (JSON): the same outcome as JSON, the same messages.
 */
import type { APIContext, APIRoute } from 'astro';
import { summaryItems } from '../../lib/contact/form.ts';
import { servicesFrom } from '../../lib/contact/locals-services.ts';
import { handleSubmission, type BodyFormat, type SubmitResult } from '../../lib/contact/submit.ts';

export const prerender = false;

const noStore = { 'Cache-Control': 'no-store' };

function sentUrl(reference: string): string {
  return `/contact/sent/?ref=${encodeURIComponent(reference)}`;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...noStore, ...headers },
  });
}

async function respond(context: APIContext, format: BodyFormat | null, result: SubmitResult): Promise<Response> {
  if (result.kind === 'refused') {
    if (format === 'json') return json(result.status, { errors: [], notices: [result.message] });
    return new Response(`${result.message}\n`, {
      status: result.status,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', ...noStore },
    });
  }
  if (result.kind === 'accepted') {
    if (format === 'json') return json(200, { reference: result.reference, location: sentUrl(result.reference) });
    return new Response(null, { status: 303, headers: { Location: sentUrl(result.reference), ...noStore } });
  }
  const { state, retryAfterSeconds } = result;
  const retryAfter: Record<string, string> = retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : {};
  if (format === 'json') {
    // `started` too: the page's hidden field takes it, so an expired form gets a fresh time.
    return json(
      state.status,
      { errors: summaryItems(state.errors), notices: state.notices, started: state.started },
      retryAfter,
    );
  }
  // The no-JavaScript path: render the contact page with this state (status set by the page).
  context.locals.contactForm = state;
  const page = await context.rewrite(new Request(new URL('/contact/', context.url), { method: 'GET' }));
  const headers = new Headers(page.headers);
  for (const [name, value] of Object.entries({ ...noStore, ...retryAfter })) headers.set(name, value);
  // A fresh Response, so the status line reads "422 Unprocessable Entity", not the rewrite's "OK".
  return new Response(page.body, { status: state.status, headers });
}

export const POST: APIRoute = async (context) => {
  const { format, result } = await handleSubmission(
    context.request,
    context.clientAddress,
    servicesFrom(context.locals).submit,
  );
  return respond(context, format, result);
};

/** Someone opening the form's address (a bookmark, a reload after an error): show the form. */
export const GET: APIRoute = () => new Response(null, { status: 303, headers: { Location: '/contact/' } });

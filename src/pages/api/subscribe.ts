/**
 * POST /api/subscribe: the subscribe form's endpoint (work in src/lib/alerts/subscribe.ts).
 * The plain form: 303 to "check your email", or the form again with errors (by rewrite, so it
 * works without JavaScript). JSON: the same outcome as JSON.
 */
import type { APIRoute } from 'astro';
import { summaryItems } from '../../lib/alerts/form.ts';
import { alertsOf } from '../../lib/alerts/from-locals.ts';
import { handleSubscribe } from '../../lib/alerts/subscribe.ts';
import { jsonResponse, noStore, rewriteWithStatus, textResponse } from '../../lib/forms/respond.ts';
import { subscribeSentUrl, subscribeUrl } from '../../lib/routing/urls.ts';

export const prerender = false;

export const POST: APIRoute = async (context) => {
  const deps = alertsOf(context.locals);
  const { format, result } = await handleSubscribe(context.request, context.clientAddress, deps);
  if (result.kind === 'refused') {
    return format === 'json'
      ? jsonResponse(result.status, { errors: [], notices: [result.message] })
      : textResponse(result.status, result.message);
  }
  if (result.kind === 'accepted') {
    if (format === 'json') return jsonResponse(200, { location: subscribeSentUrl });
    return new Response(null, { status: 303, headers: { Location: subscribeSentUrl, ...noStore } });
  }
  const { state, retryAfterSeconds } = result;
  const retryAfter: Record<string, string> = retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : {};
  if (format === 'json') {
    // `started` too: the page's hidden field takes it, so an expired form gets a fresh time.
    const answer = { errors: summaryItems(state.errors), notices: state.notices, started: state.started };
    return jsonResponse(state.status, answer, retryAfter);
  }
  context.locals.subscribeForm = state;
  return rewriteWithStatus(context, subscribeUrl(), state.status, retryAfter);
};

/** Opening the form's address (a bookmark, a reload after an error): show the form. */
export const GET: APIRoute = () => new Response(null, { status: 303, headers: { Location: subscribeUrl() } });

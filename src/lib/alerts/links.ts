/**
 * The pages behind the links in our emails, independent of Astro. Each link opens a page with
 * one button (a POST, no JavaScript), never acting on a GET: mail scanners open links, and a
 * subscription must not be confirmed, or ended, by a scanner.
 * - `/subscribe/confirm/?token=…`: confirm, or, when the link expired, send a new one;
 * - `/unsubscribe/?token=…`: unsubscribe. Both are idempotent.
 */
import { bodyFormat, decodeBody, readLimited } from '../contact/submit.ts';
import { subscribeSentUrl } from '../routing/urls.ts';
import { sendConfirmation, type SubscribeDependencies } from './subscribe.ts';
import type { AlertChoices } from './subscriptions.ts';
import { isToken } from './tokens.ts';

export type ConfirmView =
  | { readonly kind: 'ask'; readonly token: string }
  | { readonly kind: 'confirmed'; readonly choices: AlertChoices }
  | { readonly kind: 'expired'; readonly token: string }
  | { readonly kind: 'unknown' }
  /** A new link was asked for: go to "check your email". */
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'refused'; readonly status: 400 | 415; readonly message: string };

export type UnsubscribeView =
  | { readonly kind: 'ask'; readonly token: string }
  | { readonly kind: 'done' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'refused'; readonly status: 400 | 415; readonly message: string };

/** The HTTP status of a view: an unknown link is a 404, an expired one 410. */
export function viewStatus(view: ConfirmView | UnsubscribeView): number {
  if (view.kind === 'unknown') return 404;
  if (view.kind === 'expired') return 410;
  if (view.kind === 'refused') return view.status;
  if (view.kind === 'redirect') return 303;
  return 200;
}

type Posted = { token: string; action: string } | { refused: { status: 400 | 415; message: string } };

/** The button's form: `token` and `action`, urlencoded, nothing else. */
async function readButton(request: Request): Promise<Posted> {
  if (bodyFormat(request.headers.get('content-type')) !== 'form') {
    return { refused: { status: 415, message: 'Send the form as application/x-www-form-urlencoded.' } };
  }
  let fields: Record<string, unknown> | null = null;
  try {
    fields = decodeBody(await readLimited(request, 2048), 'form');
  } catch {
    fields = null;
  }
  const token = fields?.token;
  const action = fields?.action;
  if (!fields || typeof token !== 'string' || typeof action !== 'string') {
    return { refused: { status: 400, message: 'The form sent something unexpected.' } };
  }
  return { token, action };
}

export async function confirmView(request: Request, url: URL, deps: SubscribeDependencies): Promise<ConfirmView> {
  const now = (deps.now ?? Date.now)();
  const { subscriptions } = deps;
  if (request.method !== 'POST') {
    const token = url.searchParams.get('token');
    if (!isToken(token)) return { kind: 'unknown' };
    const state = subscriptions.linkState(token, now);
    return state === 'valid'
      ? { kind: 'ask', token }
      : state === 'expired'
        ? { kind: 'expired', token }
        : { kind: 'unknown' };
  }
  const posted = await readButton(request);
  if ('refused' in posted) return { kind: 'refused', ...posted.refused };
  if (!isToken(posted.token)) return { kind: 'unknown' };
  if (posted.action === 'renew') {
    // Read before renewing: the new link replaces the old one's token.
    const choices = subscriptions.pendingChoices(posted.token);
    const renewal = subscriptions.renew(posted.token, now);
    if (!renewal || !choices) return { kind: 'unknown' };
    await sendConfirmation(renewal, choices, deps, now);
    return { kind: 'redirect', location: subscribeSentUrl };
  }
  if (posted.action !== 'confirm')
    return { kind: 'refused', status: 400, message: 'The form sent something unexpected.' };
  const result = subscriptions.confirm(posted.token, now);
  if (result.kind === 'confirmed') deps.log.info('a subscription was confirmed');
  return result.kind === 'expired' ? { kind: 'expired', token: posted.token } : result;
}

export async function unsubscribeView(
  request: Request,
  url: URL,
  deps: Pick<SubscribeDependencies, 'subscriptions' | 'log'>,
): Promise<UnsubscribeView> {
  if (request.method !== 'POST') {
    const token = url.searchParams.get('token');
    return isToken(token) ? { kind: 'ask', token } : { kind: 'unknown' };
  }
  const posted = await readButton(request);
  if ('refused' in posted) return { kind: 'refused', ...posted.refused };
  if (!isToken(posted.token) || posted.action !== 'unsubscribe') return { kind: 'unknown' };
  const result = deps.subscriptions.unsubscribe(posted.token);
  if (result === 'done') deps.log.info('a subscriber unsubscribed');
  return result === 'done' ? { kind: 'done' } : { kind: 'unknown' };
}

/**
 * `POST /api/unsubscribe?token=…`: the RFC 8058 one-click unsubscribe that mail providers send
 * for the `List-Unsubscribe` header, with the body `List-Unsubscribe=One-Click`. Answered by
 * the server itself, before Astro: providers send no `Origin`, which Astro's origin check
 * refuses, and the token is the request's only authority (docs/decisions/0014-change-alerts.md).
 * No page: a short text. Idempotent: the same token again answers the same.
 * A GET (someone opening the address in a browser) goes to the page with the button.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { unsubscribeUrl } from '../routing/urls.ts';
import { isToken } from './tokens.ts';
import type { Subscriptions } from './subscriptions.ts';

export const oneClickPath = '/api/unsubscribe';
const maxBody = 1024;

function answer(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Reads a small body; null when it is larger than `maxBody`. */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) {
        resolve(null);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** Whether the body says `List-Unsubscribe=One-Click` (urlencoded, or a multipart form field). */
export function isOneClickBody(body: string, contentType: string): boolean {
  if (contentType.toLowerCase().startsWith('multipart/form-data')) {
    return /name="List-Unsubscribe"\r?\n\r?\nOne-Click\r?\n/.test(body);
  }
  return new URLSearchParams(body).get('List-Unsubscribe') === 'One-Click';
}

/** The handler for `oneClickPath`; `subscriptions` is looked up per request (none: 503). */
export function oneClickUnsubscribe(subscriptions: () => Subscriptions | null) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const token = url.searchParams.get('token');
    if (req.method === 'GET' || req.method === 'HEAD') {
      res.writeHead(303, {
        Location: isToken(token) ? unsubscribeUrl(token) : '/subscribe/',
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    if (req.method !== 'POST') {
      answer(res, 405, 'Use POST with the body List-Unsubscribe=One-Click.\n', { Allow: 'GET, HEAD, POST' });
      return;
    }
    const body = await readBody(req);
    if (body === null) {
      answer(res, 413, 'The body must be List-Unsubscribe=One-Click.\n');
      return;
    }
    if (!isOneClickBody(body, req.headers['content-type'] ?? '')) {
      answer(res, 400, 'The body must be List-Unsubscribe=One-Click (RFC 8058).\n');
      return;
    }
    if (!isToken(token)) {
      answer(res, 404, 'This unsubscribe link is not one of ours.\n');
      return;
    }
    const store = subscriptions();
    if (!store) {
      answer(res, 503, 'Alerts are not available right now. Try again later.\n');
      return;
    }
    if (store.unsubscribe(token) === 'unknown') {
      answer(res, 404, 'This unsubscribe link is not one of ours.\n');
      return;
    }
    answer(res, 200, 'You are unsubscribed: you will get no more alerts.\n');
  };
}

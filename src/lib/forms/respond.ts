/**
 * Responses the forms' endpoints share: JSON for the enhanced forms, and the no-JavaScript
 * path that renders the form's page again (an Astro rewrite) with the request's status.
 */
import type { APIContext } from 'astro';

export const noStore = { 'Cache-Control': 'no-store' } as const;

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...noStore, ...headers },
  });
}

export function textResponse(status: number, text: string): Response {
  return new Response(`${text}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...noStore } });
}

/** The page at `path` rendered for this request, answered with `status` and `headers` (never cached). */
export async function rewriteWithStatus(
  context: APIContext,
  path: string,
  status: number,
  headers: Record<string, string> = {},
): Promise<Response> {
  const page = await context.rewrite(new Request(new URL(path, context.url), { method: 'GET' }));
  const merged = new Headers(page.headers);
  for (const [name, value] of Object.entries({ ...noStore, ...headers })) merged.set(name, value);
  // A fresh Response, so the status line reads "422 Unprocessable Entity", not the rewrite's "OK".
  return new Response(page.body, { status, headers: merged });
}

/** `/feed.xml`: the Atom feed of every policy's versions (src/lib/feeds.ts). */
import type { APIRoute } from 'astro';
import { siteFeed } from '../lib/feeds.ts';
import { getPolicies } from '../lib/policies.ts';
import { site } from '../site.config.ts';

export const GET: APIRoute = ({ site: origin }) =>
  new Response(siteFeed(getPolicies(), (origin ?? new URL(site.siteUrl)).href), {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' },
  });

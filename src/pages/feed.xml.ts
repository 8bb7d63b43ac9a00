/** `/feed.xml`: the Atom feed of every policy's versions (src/lib/feeds.ts). */
import type { APIRoute } from 'astro';
import { siteFeed } from '../lib/feeds.ts';
import { siteRepository } from '../lib/versions/collection.ts';
import { site } from '../site.config.ts';

export const GET: APIRoute = async ({ site: origin }) =>
  new Response(siteFeed((await siteRepository()).policies, (origin ?? new URL(site.siteUrl)).href), {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' },
  });

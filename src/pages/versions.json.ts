/** `/versions.json`: every policy and version, with dates, addresses and text fingerprints (src/lib/feeds.ts). */
import type { APIRoute } from 'astro';
import { versionsIndex } from '../lib/feeds.ts';
import { siteRepository } from '../lib/versions/collection.ts';
import { site } from '../site.config.ts';

export const GET: APIRoute = async ({ site: origin }) =>
  new Response(
    JSON.stringify(versionsIndex((await siteRepository()).policies, (origin ?? new URL(site.siteUrl)).href), null, 2) +
      '\n',
    {
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    },
  );

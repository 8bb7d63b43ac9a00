/** `/<policy>/feed.xml`: the Atom feed of one policy's versions (src/lib/feeds.ts). */
import type { APIRoute } from 'astro';
import { policyFeed } from '../../lib/feeds.ts';
import { policyRoutes, type PolicyRoute } from '../../lib/routing/paths.ts';
import { site } from '../../site.config.ts';

export const getStaticPaths = policyRoutes;

export const GET: APIRoute = ({ props, site: origin }) => {
  const { policy } = props as PolicyRoute['props'];
  return new Response(policyFeed(policy, (origin ?? new URL(site.siteUrl)).href), {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' },
  });
};

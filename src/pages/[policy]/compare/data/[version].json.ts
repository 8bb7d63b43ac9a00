/**
 * One version's document model as JSON, fetched by the compare page's script to diff two
 * versions in the browser. Reading pages never load it.
 */
import type { APIRoute } from 'astro';
import { versionRoutes, type VersionRoute } from '../../../../lib/routing/paths.ts';

export const getStaticPaths = versionRoutes;

export const GET: APIRoute = ({ props }) => {
  const { version } = props as VersionRoute['props'];
  const body = { version: version.version, title: version.document.title, blocks: version.document.blocks };
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};

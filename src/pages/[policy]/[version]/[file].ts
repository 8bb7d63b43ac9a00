/**
 * The alternative-format files of each version, written at build time (static endpoint).
 * The bytes come from src/lib/formats/files.ts, which the formats pages read too, so the
 * size and SHA-256 printed on the pages are those of the file served here.
 */
import type { APIRoute } from 'astro';
import { queueVersionFiles, versionFile } from '../../../lib/formats/files.ts';
import { formatFileRoutes, type FormatFileRoute } from '../../../lib/routing/paths.ts';
import { site } from '../../../site.config.ts';

export const getStaticPaths = async (): Promise<FormatFileRoute[]> => {
  const routes = await formatFileRoutes();
  // Every version's files start now (in worker threads at build time), not one by one as asked.
  const versions = [...new Set(routes.map((route) => route.props.version))];
  queueVersionFiles(versions, import.meta.env.SITE);
  return routes;
};

export const GET: APIRoute = async ({ props, site: siteUrl }) => {
  const { version, format } = props as FormatFileRoute['props'];
  const file = await versionFile(version, siteUrl ?? site.siteUrl, format.id);
  // A static build writes the body to the file; the server derives Content-Type from the extension.
  return new Response(new Uint8Array(file.bytes), { headers: { 'Content-Type': format.mediaType } });
};

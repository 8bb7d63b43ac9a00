/**
 * `/<policy>/<version>/canonical.txt`: the canonical plain text of a version (`documentText`),
 * byte for byte what its SHA-256 fingerprint is computed from, so anyone can check a copy with
 * `sha256sum`. (The reader-friendly text format is one of the alternative formats.)
 */
import type { APIRoute } from 'astro';
import { versionRoutes, type VersionRoute } from '../../../lib/routing/paths.ts';

export const getStaticPaths = versionRoutes;

export const GET: APIRoute = ({ props }) => {
  const { version } = props as VersionRoute['props'];
  return new Response(version.canonicalText, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};

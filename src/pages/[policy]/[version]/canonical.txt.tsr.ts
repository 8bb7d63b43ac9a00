/** `/<policy>/<version>/canonical.txt.tsr`: the authority's RFC 3161 time-stamp reply for the canonical text (`openssl ts -verify`). */
import type { APIRoute } from 'astro';
import { signedVersionRoutes, type SignedVersionRoute } from '../../../lib/routing/paths.ts';

export const getStaticPaths = signedVersionRoutes;

export const GET: APIRoute = ({ props }) =>
  new Response(new Uint8Array(Buffer.from((props as SignedVersionRoute['props']).evidence.timestamp, 'base64')));

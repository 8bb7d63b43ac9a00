/** `/<policy>/<version>/canonical.txt.sig`: AllWork's SSH signature of the canonical text (`ssh-keygen -Y verify`). */
import type { APIRoute } from 'astro';
import { signedVersionRoutes, type SignedVersionRoute } from '../../../lib/routing/paths.ts';

export const getStaticPaths = signedVersionRoutes;

export const GET: APIRoute = ({ props }) => new Response((props as SignedVersionRoute['props']).evidence.signature);

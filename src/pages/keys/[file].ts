/** `/keys/allowed_signers` and `/keys/tsa-ca.pem`: what readers check signatures and time-stamps with (src/lib/evidence/published.ts). */
import type { APIRoute } from 'astro';
import { keyFileRoutes, type KeyFileRoute } from '../../lib/routing/paths.ts';

export const getStaticPaths = keyFileRoutes;

export const GET: APIRoute = ({ props }) => new Response(new Uint8Array((props as KeyFileRoute['props']).file.bytes));

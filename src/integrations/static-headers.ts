import { writeFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { headersFile } from '../lib/server/headers.ts';

/** Writes `_headers` next to the static files, so a static host applies the same security headers. */
export function staticHeaders(): AstroIntegration {
  return {
    name: 'allwork:static-headers',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        await writeFile(new URL('_headers', dir), headersFile());
        logger.info('wrote _headers');
      },
    },
  };
}

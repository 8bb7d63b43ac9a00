import { mkdir, writeFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { headersFile } from '../lib/server/headers.ts';
import { builtStyleHashes } from '../lib/server/inline-styles.ts';
import { nginxStaticConfig } from '../lib/server/nginx-static.ts';

/**
 * Writes the header rules for whoever serves the static files instead of the Node server:
 * `_headers` next to them (static hosts), and `../nginx/static.conf` beside the client folder
 * (nginx, included by deploy/nginx/allwork-policies.conf). One source: src/lib/server/headers.ts,
 * with the hashes of the inline stylesheets the pages carry (inline-styles.ts).
 */
export function staticHeaders(): AstroIntegration {
  return {
    name: 'allwork:static-headers',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const styleHashes = await builtStyleHashes(fileURLToPath(dir));
        await writeFile(new URL('_headers', dir), headersFile(styleHashes));
        const nginxDir = new URL('../nginx/', dir);
        await mkdir(nginxDir, { recursive: true });
        await writeFile(new URL('static.conf', nginxDir), nginxStaticConfig(styleHashes));
        logger.info('wrote _headers and ../nginx/static.conf');
      },
    },
  };
}

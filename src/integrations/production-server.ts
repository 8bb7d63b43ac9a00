/**
 * Compiles the production server (server/main.ts and the modules it imports) to plain
 * JavaScript once the build is done: `<outDir>/server/main.mjs`, beside the adapter's
 * `entry.mjs`, so the server runs with `node` alone. npm packages stay imports (resolved from
 * node_modules at run time, like the adapter's own bundle). docs/decisions/0008-server-stack.md.
 */
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export function productionServer(): AstroIntegration {
  let root: URL | undefined;
  let serverDir: URL | undefined;
  return {
    name: 'allwork:production-server',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = config.root;
        serverDir = config.build.server;
      },
      'astro:build:done': async ({ logger }) => {
        if (!root || !serverDir) throw new Error('production-server: the Astro config was not read');
        const outfile = fileURLToPath(new URL('main.mjs', serverDir));
        await build({
          entryPoints: [fileURLToPath(new URL('server/main.ts', root))],
          outfile,
          bundle: true,
          platform: 'node',
          format: 'esm',
          target: 'node20',
          packages: 'external',
          logLevel: 'warning',
        });
        logger.info(`server compiled to ${outfile}`);
      },
    },
  };
}

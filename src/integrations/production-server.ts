/**
 * Compiles the production server (server/main.ts and the modules it imports) to plain
 * JavaScript once the build is done: `<outDir>/server/main.mjs`, beside the adapter's
 * `entry.mjs`, so the server runs with `node` alone; and the alerts' CLI beside it
 * (server/alerts.ts → `alerts.mjs`), which the deploy runs on the server after each release.
 * npm packages stay imports (resolved from node_modules at run time, like the adapter's own
 * bundle). docs/decisions/0008-server-stack.md.
 */
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { builtStyleHashes } from '../lib/server/inline-styles.ts';
import { previewDrafts } from '../lib/versions/build-settings.ts';

/**
 * Bundles each entry (name → source file) to `<outdir>/<name>.mjs`. `includesDrafts` tells the
 * alerts' CLI the build lists drafts as versions (a preview), so it refuses to announce them.
 */
export async function compileServer(options: {
  readonly entries: Readonly<Record<string, string>>;
  readonly outdir: string;
  readonly includesDrafts: boolean;
  /** The build's inline-style hashes (inline-styles.ts), which the server's CSP allows. */
  readonly styleHashes: readonly string[];
}): Promise<void> {
  await build({
    entryPoints: options.entries,
    outdir: options.outdir,
    outExtension: { '.js': '.mjs' },
    define: {
      BUILD_INCLUDES_DRAFTS: JSON.stringify(options.includesDrafts),
      INLINE_STYLE_HASHES: JSON.stringify(options.styleHashes),
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}

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
      'astro:build:done': async ({ dir, logger }) => {
        if (!root || !serverDir) throw new Error('production-server: the Astro config was not read');
        const sources = new URL('server/', root);
        const outdir = fileURLToPath(serverDir);
        const entry = (name: string) => fileURLToPath(new URL(`${name}.ts`, sources));
        await compileServer({
          entries: { main: entry('main'), alerts: entry('alerts') },
          outdir,
          includesDrafts: previewDrafts(),
          styleHashes: await builtStyleHashes(fileURLToPath(dir)),
        });
        logger.info(`server and alerts CLI compiled to ${outdir}main.mjs and alerts.mjs`);
      },
    },
  };
}

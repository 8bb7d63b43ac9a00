/**
 * Astro integration: Rollup bundles the server without tree-shaking; the browser's scripts keep it.
 *
 * Tree-shaking the server bundle was a third of Vite's server build here (about 1.7 s of 5.8 s
 * in a CPU profile), and it buys nothing: that bundle never leaves the build machine and the
 * server, which load it once. The code it would drop is code the modules define and no page
 * uses; every statement still runs as written, in the same order, as Rollup keeps all of it.
 * The client bundle, which readers download, is tree-shaken as before.
 * docs/decisions/0020-build-time.md weighs this against the other ways tried.
 */
import type { AstroIntegration } from 'astro';

export function serverBundle(): AstroIntegration {
  return {
    name: 'allwork:server-bundle',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'allwork:server-bundle-whole',
                config: (_config, env) =>
                  env.isSsrBuild ? { build: { rollupOptions: { treeshake: false } } } : undefined,
              },
            ],
          },
        });
      },
    },
  };
}

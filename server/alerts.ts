/**
 * The alerts' CLI on the server: `node dist/server/alerts.mjs send | list | export ADDRESS |
 * delete ADDRESS` (src/lib/alerts/cli.ts). Compiled at build time beside main.mjs
 * (src/integrations/production-server.ts), so it runs where the release is, with `node` and
 * the server's production dependencies only: no sources, no content folder, no tsx. `send`
 * reads the versions this release publishes from its own `../client/versions.json`.
 * Under systemd it runs as deploy/allwork-policies-alerts.service, as the server's user.
 */
import { fileURLToPath } from 'node:url';
import { runAlertsCli } from '../src/lib/alerts/cli.ts';
import { PublishedIndexError, readPublishedIndex } from '../src/lib/alerts/published.ts';

/** Set by the build (esbuild `define`): whether it included drafts (a pull request's preview). */
declare const BUILD_INCLUDES_DRAFTS: boolean;

const versionsFile = fileURLToPath(new URL('../client/versions.json', import.meta.url));

process.exitCode = await runAlertsCli(
  process.argv.slice(2),
  {
    env: process.env,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  },
  {
    invocation: 'node dist/server/alerts.mjs',
    published: () => {
      if (BUILD_INCLUDES_DRAFTS) {
        // Its versions.json lists drafts as versions: announcing them would announce unpublished text.
        return Promise.reject(
          new PublishedIndexError(
            'this release was built with PREVIEW_DRAFTS=1 (a preview): deploy a production build.',
          ),
        );
      }
      return readPublishedIndex(versionsFile);
    },
  },
);

/**
 * `npm run alerts -- send | list | export ADDRESS | delete ADDRESS` in a checkout: see
 * src/lib/alerts/cli.ts. `send` reads the published versions from the content files
 * (CONTENT_DIR), as the index the build would write; on the server the build's own copy runs
 * instead (server/alerts.ts).
 */
import { alertsConfig } from '../src/lib/alerts/config.ts';
import { runAlertsCli } from '../src/lib/alerts/cli.ts';
import { versionsIndex } from '../src/lib/feeds.ts';
import { fileRepository } from '../src/lib/versions/files.ts';

process.exitCode = await runAlertsCli(
  process.argv.slice(2),
  {
    env: process.env,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  },
  {
    invocation: 'npm run alerts --',
    // Never a draft, even where PREVIEW_DRAFTS is set: only published versions are announced.
    published: () =>
      Promise.resolve(versionsIndex(fileRepository({ previewDrafts: false }).policies, alertsConfig().siteUrl)),
  },
);

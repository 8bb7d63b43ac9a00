import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './scripts/chromium.ts';
import type { SiteOptions } from './tests/e2e/support/test.ts';

/**
 * e2e tests run in Debian's Chromium (Playwright cannot download its own browser here)
 * against the built site served by the real Node server, once for the shipped content
 * (`dist/`) and once for the multi-version fixtures (`dist-fixtures/`).
 */
const port = Number(process.env.E2E_PORT ?? 4399);
const host = '127.0.0.1';

const server = (dist: string, serverPort: number) => ({
  command: `node ${dist}/server/main.mjs`,
  url: `http://${host}:${serverPort}/`,
  env: {
    HOST: host,
    PORT: String(serverPort),
    OUT_DIR: dist,
    OUTBOX_DIR: `${dist}/.outbox-e2e`,
    // Browsers driven by tests fill the contact form faster than people and send many messages:
    // the time trap and the rate limit have unit and integration tests of their own.
    CONTACT_MIN_FILL_MS: '0',
    CONTACT_RATE_LIMIT: '0',
  },
  reuseExistingServer: false,
  timeout: 30_000,
});

export default defineConfig<SiteOptions>({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  // Caps, not timing assertions: generous so a loaded two-core machine does not fail them.
  expect: { timeout: 15_000 },
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromiumPath,
      args: [...chromiumArgs],
    },
  },
  projects: [
    {
      name: 'site',
      // Content-specific specs (seed text) and the `*.all.spec.ts` checks that hold for any build.
      testIgnore: /\.fixtures\.spec\.ts$/,
      use: { baseURL: `http://${host}:${port}`, distDir: 'dist' },
    },
    {
      name: 'fixtures',
      // Multi-version behaviour, plus every `*.all.spec.ts` check again on the larger site.
      testMatch: /\.(fixtures|all)\.spec\.ts$/,
      use: { baseURL: `http://${host}:${port + 1}`, distDir: 'dist-fixtures' },
    },
  ],
  webServer: [server('dist', port), server('dist-fixtures', port + 1)],
});

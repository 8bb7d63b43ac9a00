import { defineConfig } from '@playwright/test';
import { availableParallelism } from 'node:os';
import { chromiumArgs, chromiumPath } from './scripts/chromium.ts';
import { builds, fixtures, site, throughNginx, type Build } from './tests/e2e/support/builds.ts';
import type { SiteOptions } from './tests/e2e/support/test.ts';

/**
 * e2e tests run in Debian's Chromium (Playwright cannot download its own browser here)
 * against the built site served by the real Node server, for the shipped content (`dist/`)
 * and for the multi-version fixtures (`dist-fixtures/`), each build on its own server
 * (tests/e2e/support/builds.ts). Four projects, so that each check runs where it means
 * something and only there:
 * - `every-build`: `*.builds.spec.ts`, the gates over every page of each build (one test per
 *   page, one visit for all the browser checks) and over each build's files (no browser);
 * - `site`: checks of the shipped content (the seed's text) and everything that reads the
 *   same in any build (flows, keyboard paths, the server's behaviour), run once;
 * - `fixtures`: `*.fixtures.spec.ts`, behaviour that needs several versions;
 * - `nginx`: `*.nginx.spec.ts`, the form and the headers once through Debian's nginx with the
 *   shipped configuration (HTTPS, in front of a server of its own with TRUST_PROXY=true).
 */
const server = (build: Pick<Build, 'distDir' | 'baseURL'>, extraEnv: Record<string, string> = {}) => ({
  command: `node ${build.distDir}/server/main.mjs`,
  url: `${build.baseURL}/`,
  env: {
    HOST: new URL(build.baseURL).hostname,
    PORT: new URL(build.baseURL).port,
    OUT_DIR: build.distDir,
    OUTBOX_DIR: `${build.distDir}/.outbox-e2e`,
    // The subscriber database (change alerts), inside the build so a new build starts it afresh.
    DATA_DIR: `${build.distDir}/.data-e2e`,
    FORM_SECRET_FILE: `${build.distDir}/.form-secret-e2e`,
    // Browsers driven by tests fill the contact form faster than people and send many messages:
    // the time trap and the rate limit have unit and integration tests of their own.
    CONTACT_MIN_FILL_MS: '0',
    CONTACT_RATE_LIMIT: '0',
    ...extraEnv,
  },
  reuseExistingServer: false,
  timeout: 30_000,
});

/**
 * One worker per core: a test mostly waits on its browser and the servers, which have their own
 * processes, yet each worker's Chromium renders and runs axe, so more workers than cores only
 * queue for the CPU (and make the caps below bite). `E2E_WORKERS` overrides it.
 */
const workers = Number(process.env.E2E_WORKERS) || Math.max(2, availableParallelism());

export default defineConfig<SiteOptions>({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers,
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
    // First: its link crawls and header sweeps are the longest tests, best started early.
    { name: 'every-build', testMatch: /\.builds\.spec\.ts$/ },
    {
      name: 'site',
      testIgnore: /\.(fixtures|builds|nginx)\.spec\.ts$/,
      use: { baseURL: site.baseURL, distDir: site.distDir },
    },
    {
      name: 'fixtures',
      testMatch: /\.fixtures\.spec\.ts$/,
      use: { baseURL: fixtures.baseURL, distDir: fixtures.distDir },
    },
    {
      name: 'nginx',
      testMatch: /\.nginx\.spec\.ts$/,
      use: { baseURL: throughNginx.baseURL, distDir: throughNginx.distDir, ignoreHTTPSErrors: true },
    },
  ],
  webServer: [
    ...builds.map((build) => server(build)),
    // The nginx project's own form server: behind the proxy, believing its forwarded headers.
    {
      ...server(
        { distDir: throughNginx.distDir, baseURL: `http://127.0.0.1:${throughNginx.upstreamPort}` },
        { TRUST_PROXY: 'true', OUTBOX_DIR: throughNginx.outboxDir },
      ),
    },
    {
      command: `npx tsx tests/e2e/support/nginx-server.ts ${throughNginx.httpsPort} ${throughNginx.httpPort} 127.0.0.1:${throughNginx.upstreamPort} ${throughNginx.distDir}`,
      url: `${throughNginx.baseURL}/`,
      ignoreHTTPSErrors: true,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});

/**
 * The two builds the e2e tests run against, each served by its own real server: the shipped
 * content (`dist/`) and the multi-version fixtures (`dist-fixtures/`). playwright.config.ts
 * starts the servers from this list; the `*.builds.spec.ts` checks run over every page of each.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

export interface Build {
  /** Named in every test title that runs once per build: `[site]`, `[fixtures]`. */
  readonly name: 'site' | 'fixtures';
  /** The Astro output folder its server serves. */
  readonly distDir: string;
  readonly baseURL: string;
}

const host = '127.0.0.1';
const port = Number(process.env.E2E_PORT ?? 4399);

export const site: Build = { name: 'site', distDir: 'dist', baseURL: `http://${host}:${port}` };
export const fixtures: Build = { name: 'fixtures', distDir: 'dist-fixtures', baseURL: `http://${host}:${port + 1}` };
export const builds: readonly Build[] = [site, fixtures];

/**
 * The shipped content through nginx (deploy/nginx/allwork-policies.conf over TLS), in front of a
 * server of its own with TRUST_PROXY=true: `*.nginx.spec.ts` run the form and the headers there once.
 */
export const throughNginx = {
  distDir: 'dist',
  upstreamPort: port + 2,
  httpsPort: port + 3,
  httpPort: port + 4,
  /** Its server's outbox: one server per outbox. */
  outboxDir: 'dist/.outbox-e2e-nginx',
  baseURL: `https://${host}:${port + 3}`,
} as const;

/** Every HTML page the build emitted, as URL paths (`/privacy-policy/`), found from the output. */
export function builtPages(distDir: string): string[] {
  const client = path.resolve(distDir, 'client');
  const files = readdirSync(client, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
  return files
    .map(
      (file) =>
        '/' +
        file
          .split(path.sep)
          .join('/')
          .replace(/(^|\/)index\.html$/, '$1'),
    )
    .sort();
}

/** The file a built page is served from. */
export const builtFile = (distDir: string, url: string): string =>
  path.join(distDir, 'client', url.endsWith('/') ? `${url}index.html` : url);

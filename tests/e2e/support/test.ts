/**
 * The shared Playwright `test`: knows which build it runs against, and lists that build's pages.
 */
import { test as base, expect } from '@playwright/test';
import { readdirSync } from 'node:fs';
import path from 'node:path';

export interface SiteOptions {
  /** The Astro output folder this project's server serves. */
  distDir: string;
}

export const test = base.extend<SiteOptions & { pages: string[] }>({
  distDir: ['dist', { option: true }],
  pages: async ({ distDir }, use) => {
    await use(builtPages(distDir));
  },
});

export { expect };

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

/**
 * The shared Playwright `test`: knows which build it runs against, and lists that build's pages.
 */
import { test as base, expect } from '@playwright/test';
import { builtPages } from './builds.ts';

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

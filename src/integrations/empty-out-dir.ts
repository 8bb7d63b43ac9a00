/**
 * Astro integration: empties the output folder without making the build wait for it.
 *
 * `astro build` deletes the previous build's files one by one, synchronously, before Vite starts:
 * thousands of pages, format files and their compressed copies, several seconds in which the
 * build does nothing else. Instead, as the build starts, the old folder is renamed aside (instant,
 * on the same file system) and deleted in the background while Vite builds; the build waits for
 * that only when it is done. Astro then finds an empty folder, so what a build leaves is exactly
 * what it wrote, as before. A folder left aside by a build that was stopped halfway is deleted by
 * the next one.
 */
import type { AstroIntegration } from 'astro';
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folders set aside beside `outDir`: `dist-old-<pid>-<time>` for `dist`, which git, ESLint and
 * Prettier ignore as they ignore `dist-*` (and `dist-fixtures-old-…` likewise).
 */
const asidePrefix = (outDir: string): string => `${path.basename(outDir)}-old-`;

/**
 * Rename `outDir` aside and start deleting it, with any folder an earlier build left aside.
 * Returns the deletion, to be awaited (it never rejects: a folder that cannot be deleted now is
 * tried again by the next build).
 */
export function setAsideOutDir(outDir: string): Promise<void> {
  const parent = path.dirname(outDir);
  const prefix = asidePrefix(outDir);
  if (existsSync(outDir)) {
    renameSync(outDir, path.join(parent, `${prefix}${process.pid}-${Date.now()}`));
    mkdirSync(outDir);
  }
  const aside = existsSync(parent) ? readdirSync(parent).filter((name) => name.startsWith(prefix)) : [];
  return Promise.all(
    aside.map((name) => rm(path.join(parent, name), { recursive: true, force: true, maxRetries: 3 })),
  ).then(
    () => undefined,
    () => undefined,
  );
}

export function emptyOutDir(): AstroIntegration {
  let outDir: string | null = null;
  let deleting: Promise<void> | null = null;
  return {
    name: 'allwork:empty-out-dir',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': () => {
        if (outDir) deleting = setAsideOutDir(outDir);
      },
      'astro:build:done': async () => {
        await deleting;
      },
    },
  };
}

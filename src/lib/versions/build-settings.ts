/**
 * Settings of a build that say which content it reads, kept apart from the code that reads it:
 * the build's integrations ask for them while Astro loads its configuration, where every module
 * imported costs time (Astro compiles each through Vite), and they need none of the parsing.
 */
import path from 'node:path';

/** Where content is read from: `CONTENT_DIR` (tests build the fixtures this way) or `content/policies`. */
export function contentDir(): string {
  return path.resolve(process.env.CONTENT_DIR ?? 'content/policies');
}

/**
 * Preview builds of a pull request (`PREVIEW_DRAFTS=1`) also build drafts, so reviewers can read a
 * draft and its changes before it is published. A draft is never current: it is shown as upcoming.
 */
export function previewDrafts(): boolean {
  return process.env.PREVIEW_DRAFTS === '1';
}

/**
 * Whether a build's format files need rendering ahead at all. Finding out file by file means
 * reading every content file and hashing every document model (a second of a cached build's
 * time, while Vite bundles on the same cores), so a build that rendered or found every file
 * leaves a stamp: a hash of everything those files could depend on, taken coarsely (all of
 * `src/`, the lockfile, the content folder, the site's origin, the build's day). The next build
 * with the same stamp skips the head start.
 *
 * Only a hint, never a source of truth: with a stale stamp (say, a cache file deleted by hand)
 * the pages find the file missing and render it themselves, in the same worker threads.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cacheKey, readCachedJson, writeCachedJson } from '../cache/json-cache.ts';
import { today } from '../dates.ts';
import { contentDir, previewDrafts } from '../versions/build-settings.ts';

export interface PrewarmStamp {
  /** Where the stamp is kept: a folder of the format cache, one key per content folder and origin. */
  readonly dir: string;
  readonly key: string;
  readonly value: string;
}

/** Every file under `dir`, sorted, so the hash does not depend on the order the system lists them. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** The stamp of this build's format inputs, kept in `cacheDir` (the format cache). */
export function prewarmStamp(siteUrl: string, cacheDir: string, root = process.cwd()): PrewarmStamp {
  const content = contentDir();
  const hash = createHash('sha256');
  hash.update(`${siteUrl}\0${content}\0${today()}\0${String(previewDrafts())}\0`);
  const lockfile = path.join(root, 'package-lock.json');
  for (const file of [lockfile, ...filesUnder(path.join(root, 'src')), ...filesUnder(content)]) {
    hash
      .update(`${path.relative(root, file)}\0`)
      .update(existsSync(file) ? readFileSync(file) : '')
      .update('\0');
  }
  return { dir: path.join(cacheDir, 'prewarm'), key: cacheKey(content, siteUrl), value: hash.digest('hex') };
}

/** A build with these inputs already had every format file in the cache. */
export function isStamped(stamp: PrewarmStamp): boolean {
  return readCachedJson(stamp.dir, stamp.key) === stamp.value;
}

/** Remember that every file of these inputs is in the cache. */
export function writeStamp(stamp: PrewarmStamp): void {
  writeCachedJson(stamp.dir, stamp.key, stamp.value);
}

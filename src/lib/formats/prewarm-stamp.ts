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
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { contentDir, previewDrafts } from '../versions/build-settings.ts';

export interface PrewarmStamp {
  /** Where the stamp is kept: one per content folder and origin, in the format cache. */
  readonly file: string;
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
  const day = process.env.BUILD_DATE ?? new Date().toISOString().slice(0, 10);
  hash.update(`${siteUrl}\0${content}\0${day}\0${String(previewDrafts())}\0`);
  const lockfile = path.join(root, 'package-lock.json');
  for (const file of [lockfile, ...filesUnder(path.join(root, 'src')), ...filesUnder(content)]) {
    hash
      .update(`${path.relative(root, file)}\0`)
      .update(existsSync(file) ? readFileSync(file) : '')
      .update('\0');
  }
  const name = createHash('sha256').update(`${content}\0${siteUrl}`).digest('hex').slice(0, 16);
  return { file: path.join(cacheDir, 'prewarm', `${name}.stamp`), value: hash.digest('hex') };
}

/** A build with these inputs already had every format file in the cache. */
export function isStamped(stamp: PrewarmStamp): boolean {
  try {
    return readFileSync(stamp.file, 'utf8') === stamp.value;
  } catch {
    return false;
  }
}

/** Remember that every file of these inputs is in the cache (written then renamed: never half a stamp). */
export function writeStamp(stamp: PrewarmStamp): void {
  mkdirSync(path.dirname(stamp.file), { recursive: true });
  const temporary = `${stamp.file}.${process.pid}.tmp`;
  writeFileSync(temporary, stamp.value);
  renameSync(temporary, stamp.file);
}

/**
 * Render once, reuse forever: each file is stored under the hash of what made it — the
 * renderer's code (its files and the versions of its npm packages) and everything it reads
 * (the version's document model and metadata). A build with one new version renders only that
 * version's files; editing one renderer re-renders only that format. Published versions never
 * change, so their files are rendered once per renderer change.
 *
 * The cache lives in `node_modules/.cache/formats/` (FORMATS_CACHE_DIR to move it, `off` to disable
 * it), where build tools keep their caches: `npm ci` clears it, so a fresh clone builds cold.
 * A hit is only ever a file this same code wrote for this same input: deleting the folder is
 * always safe.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { packageVersion } from '../cache/package-version.ts';
import type { FormatRenderer } from './format.ts';
import type { FormatSource } from './source.ts';

/** How many stale files of one format and version to keep (older renderer code), besides the current one. */
const keepStale = 2;

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The cache folder, or null when caching is off. */
export function cacheDir(): string | null {
  const setting = process.env.FORMATS_CACHE_DIR;
  if (setting === 'off') return null;
  return path.resolve(setting ?? 'node_modules/.cache/formats');
}

const codeHashes = new Map<string, string>();

/** What a cached result is made by: its source files and npm packages, as a renderer lists them. */
export interface CodeOf extends Pick<FormatRenderer, 'name' | 'code'> {
  readonly id: string;
}

/**
 * Hash of a renderer's code: the contents of its source files and the installed version of
 * each package it uses. Paths are relative to `root`, the project root (the build runs there).
 */
export function codeHash(format: CodeOf, root = process.cwd()): string {
  const memoKey = `${root}\0${format.id}`;
  const known = codeHashes.get(memoKey);
  if (known) return known;
  const hash = createHash('sha256');
  for (const file of [...format.code.files].sort()) {
    const full = path.join(root, file);
    if (!existsSync(full)) {
      throw new Error(
        `The ${format.name} renderer lists ${file} as its code, but ${full} does not exist. ` +
          'Run the build from the project root, or fix the list in src/lib/formats/.',
      );
    }
    hash.update(`${file}\0`).update(readFileSync(full)).update('\0');
  }
  for (const name of [...format.code.packages].sort()) {
    hash.update(`${name}@${packageVersion(name, `The ${format.name} renderer`, root)}\0`);
  }
  const digest = hash.digest('hex');
  codeHashes.set(memoKey, digest);
  return digest;
}

const sourceHashes = new WeakMap<FormatSource, string>();

/**
 * Hash of the JSON of a source, once per source object: every format of a version shares it, so
 * a cached build serialises each version's model once rather than once per format.
 */
function sourceHash(source: FormatSource): string {
  let hash = sourceHashes.get(source);
  if (!hash) {
    hash = sha256(JSON.stringify(source));
    sourceHashes.set(source, hash);
  }
  return hash;
}

/** The cache key of one file: renderer code + the source it is made from. */
export function cacheKey(format: FormatRenderer, source: FormatSource, root?: string): string {
  return sha256(`${format.id}\0${codeHash(format, root)}\0${sourceHash(source)}`);
}

export interface RenderResult {
  readonly bytes: Uint8Array;
  /** True when the file came from the cache. */
  readonly cached: boolean;
  /** Time spent rendering (0 when cached), in milliseconds. */
  readonly ms: number;
}

export interface CacheOptions {
  /** The cache folder; null renders without a cache. Default: `cacheDir()`. */
  readonly dir?: string | null;
  /** The project root the renderers' code is read from. Default: the current directory. */
  readonly root?: string;
}

function cacheFile(format: FormatRenderer, source: FormatSource, dir: string, root?: string): string {
  return path.join(dir, source.policy, source.version, `${format.id}-${cacheKey(format, source, root)}`);
}

/** Whether the cache holds this format's file for this code and source (without reading it). */
export function isCached(format: FormatRenderer, source: FormatSource, options: CacheOptions = {}): boolean {
  const dir = options.dir === undefined ? cacheDir() : options.dir;
  return dir !== null && existsSync(cacheFile(format, source, dir, options.root));
}

/** The bytes rendered earlier for this format, code and source, or null when there are none. */
export function readCached(
  format: FormatRenderer,
  source: FormatSource,
  options: CacheOptions = {},
): RenderResult | null {
  const dir = options.dir === undefined ? cacheDir() : options.dir;
  if (dir === null) return null;
  const file = cacheFile(format, source, dir, options.root);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const now = new Date();
  // Touch it, so pruning keeps the files in use.
  utimesSync(file, now, now);
  return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), cached: true, ms: 0 };
}

/** Render `source` with `format` and store the bytes in the cache (when it is on). Never reads the cache. */
export async function renderAndStore(
  format: FormatRenderer,
  source: FormatSource,
  options: CacheOptions = {},
): Promise<RenderResult> {
  const dir = options.dir === undefined ? cacheDir() : options.dir;
  const started = performance.now();
  const bytes = await format.render(source);
  const ms = performance.now() - started;
  if (dir === null) return { bytes, cached: false, ms };
  const file = cacheFile(format, source, dir, options.root);
  const folder = path.dirname(file);
  mkdirSync(folder, { recursive: true });
  // Write then rename: a build stopped halfway never leaves a truncated file under a valid key.
  // The thread id keeps two workers of one process from sharing a temporary name.
  const temporary = `${file}.${process.pid}-${threadId}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, file);
  prune(folder, format.id, file);
  return { bytes, cached: false, ms };
}

/** Render `source` with `format`, or return the bytes rendered earlier for the same key. */
export async function renderCached(
  format: FormatRenderer,
  source: FormatSource,
  options: CacheOptions = {},
): Promise<RenderResult> {
  return readCached(format, source, options) ?? renderAndStore(format, source, options);
}

/** Keep the newest few files of a format in a version's folder; older renderer code's files go. */
function prune(folder: string, formatId: string, current: string): void {
  const stale = readdirSync(folder)
    .filter((name) => name.startsWith(`${formatId}-`) && !name.endsWith('.tmp') && path.join(folder, name) !== current)
    .map((name) => ({ name, time: statSync(path.join(folder, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { name } of stale.slice(keepStale)) rmSync(path.join(folder, name), { force: true });
}

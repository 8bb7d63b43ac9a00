/**
 * Astro integration: writes `file.br` (brotli, best) and `file.gz` (gzip, best) beside each page,
 * stylesheet, script and XML/JSON/SVG file of the build, once, at the end of the build. The Node
 * server sends them to clients that accept them (server/static-files.ts), nginx sends the `.gz`
 * (`gzip_static`): smaller than compressing on the fly at a speed-minded level, and no CPU per
 * request. Pagefind's files are compressed already and left alone.
 *
 * Brotli at its best quality (11) is slow: 15 CPU-s for the 6.5 MB of a 30-version build, where
 * quality 10 takes 6 s for copies 2.6 % larger. What every reader starts from (the current
 * policy, its history, formats and compare pages, the feeds, the assets) gets 11; one version's
 * own pages and data, the archive (`isOneVersionUrl`), get 10 (docs/decisions/0020-build-time.md).
 * And `astro build` empties the output folder, so the copies are kept in `node_modules/.cache/precompress/` under
 * the SHA-256 of the bytes they compress: a page whose bytes did not change since the last build
 * is copied, not compressed again. PRECOMPRESS_CACHE_DIR moves the cache, `off` disables it.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { cacheFolder } from '../lib/cache/json-cache.ts';
import { isOneVersionUrl } from '../lib/routing/urls.ts';
import { searchBundleDir } from './search-index.ts';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Part of every cache key with the brotli quality: change it when the settings below change, so old copies are not reused. */
const settings = 'brotli+gzip-9';
/** Copies no build has used for this long are deleted (the cache is shared by every content folder built here). */
const unusedFor = 14 * 24 * 3600 * 1000;

/** Text, by its name: the kinds of file that are ever worth compressing. */
const textFile = (file: string): boolean => /\.(?:html|css|js|xml|json|svg)$/.test(file);

/** Worth it: text, at least a packet's worth (the server leaves smaller answers as they are). */
export function precompressible(file: string, size: number): boolean {
  return size >= 512 && textFile(file);
}

/** Brotli's quality for the file at `urlPath` (its address on the site): see the top of this file. */
export function brotliQuality(urlPath: string): number {
  return isOneVersionUrl(urlPath) ? 10 : constants.BROTLI_MAX_QUALITY;
}

async function compress(data: Buffer, quality: number): Promise<[Buffer, Buffer]> {
  return Promise.all([
    brotli(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: quality,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gzipped(data, { level: 9 }),
  ]);
}

/** The copies stored for these bytes, or null; a hit is touched so pruning keeps it. */
async function cached(cacheDir: string, key: string): Promise<[Buffer, Buffer] | null> {
  const files = [path.join(cacheDir, key.slice(0, 2), `${key}.br`), path.join(cacheDir, key.slice(0, 2), `${key}.gz`)];
  try {
    const copies = (await Promise.all(files.map((file) => readFile(file)))) as [Buffer, Buffer];
    const now = new Date();
    await Promise.all(files.map((file) => utimes(file, now, now)));
    return copies;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Store both copies, each written then renamed: an interrupted build never leaves half a copy. */
async function store(cacheDir: string, key: string, [br, gz]: [Buffer, Buffer]): Promise<void> {
  const folder = path.join(cacheDir, key.slice(0, 2));
  await mkdir(folder, { recursive: true });
  // The .gz goes last: cached() needs both, and a reader that finds the .gz finds the .br too.
  for (const [extension, bytes] of [
    ['br', br],
    ['gz', gz],
  ] as const) {
    const file = path.join(folder, `${key}.${extension}`);
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, file);
  }
}

async function prune(cacheDir: string): Promise<void> {
  const cutoff = Date.now() - unusedFor;
  const entries = await readdir(cacheDir, { recursive: true, withFileTypes: true }).catch(() => []);
  // All at once: each is a wait on the disk, and there are thousands (two per page of every build).
  await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const file = path.join(entry.parentPath, entry.name);
        if ((await stat(file)).mtimeMs < cutoff) await rm(file, { force: true });
      }),
  );
}

/** Runs at most `size` of the functions given to it at once. */
function limiter(size: number): <T>(run: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (run) => {
    while (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await run();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

export interface PrecompressResult {
  /** Files that got .br and .gz copies. */
  readonly written: number;
  /** Of those, the ones whose copies came from the cache. */
  readonly reused: number;
}

export interface PrecompressOptions {
  /** A folder under `dir` to leave out (compressed later, once it is written). */
  readonly skip?: string;
  /** Delete the cache's long-unused copies afterwards (once per build). */
  readonly prune?: boolean;
  /** Where `dir` is on the site (`/` for the output folder), for `brotliQuality`. */
  readonly urlPath?: string;
}

/** Write the copies of every file worth it under `dir`; `cacheDir` null compresses everything afresh. */
export async function precompressFolder(
  dir: string,
  cacheDir: string | null = cacheFolder('precompress', 'PRECOMPRESS_CACHE_DIR'),
  options: PrecompressOptions = { prune: true },
): Promise<PrecompressResult> {
  const skipped = options.skip === undefined ? null : path.join(dir, options.skip);
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => skipped === null || !file.startsWith(`${skipped}${path.sep}`));
  let written = 0;
  let reused = 0;
  // Compressing takes a core (zlib works in libuv's thread pool): one per core. Everything else is
  // a wait on the disk (a build that changed little is mostly copies from the cache), so more
  // files are in hand at once than are compressed.
  const compressing = limiter(availableParallelism());
  const one = async (file: string): Promise<void> => {
    // Formats, fonts and the like are not read at all: their name says enough.
    if (!textFile(file)) return;
    const data = await readFile(file);
    if (!precompressible(file, data.length)) return;
    const url = path.posix.join(options.urlPath ?? '/', path.relative(dir, file).split(path.sep).join('/'));
    const quality = brotliQuality(url);
    const key = createHash('sha256').update(`${settings}+${quality}`).update('\0').update(data).digest('hex');
    let copies = cacheDir === null ? null : await cached(cacheDir, key);
    if (copies) reused++;
    else {
      copies = await compressing(() => compress(data, quality));
      if (cacheDir !== null) await store(cacheDir, key, copies);
    }
    await Promise.all([writeFile(`${file}.br`, copies[0]), writeFile(`${file}.gz`, copies[1])]);
    written++;
  };
  const queue = [...files];
  const lanes = Array.from({ length: 4 * availableParallelism() }, async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) await one(file);
  });
  await Promise.all(lanes);
  if (cacheDir !== null && options.prune === true) await prune(cacheDir);
  return { written, reused };
}

/**
 * Two integrations, to place around the search index's (search-index.ts): `start` begins with
 * every file but the search bundle while Pagefind indexes the pages (it reads only the HTML, and
 * writes only its own folder), `finish` waits for that, then compresses the bundle Pagefind wrote.
 */
export function precompress(): { start: AstroIntegration; finish: AstroIntegration } {
  let pages: Promise<PrecompressResult | Error> | null = null;
  return {
    start: {
      name: 'allwork:precompress',
      hooks: {
        'astro:build:done': ({ dir }) => {
          // Settled into a value: a failure here surfaces in `finish`, not as an unhandled rejection.
          pages = precompressFolder(fileURLToPath(dir), undefined, { skip: searchBundleDir, urlPath: '/' }).catch(
            (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
          );
        },
      },
    },
    finish: {
      name: 'allwork:precompress-search',
      hooks: {
        'astro:build:done': async ({ dir, logger }) => {
          const first = await pages;
          pages = null;
          if (first instanceof Error) throw first;
          const bundle = path.join(fileURLToPath(dir), searchBundleDir);
          const second = existsSync(bundle)
            ? await precompressFolder(bundle, undefined, { urlPath: `/${searchBundleDir}/`, prune: true })
            : { written: 0, reused: 0 };
          const written = (first?.written ?? 0) + second.written;
          const reused = (first?.reused ?? 0) + second.reused;
          logger.info(`wrote brotli and gzip copies of ${written} files (${reused} unchanged, from the cache)`);
        },
      },
    },
  };
}

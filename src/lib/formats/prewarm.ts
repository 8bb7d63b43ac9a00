/**
 * A cold build's format files, rendered while Vite builds the server. The pages ask for the
 * files only once the server and client bundles are built (15–20 s of mostly one-core work), so
 * the build integration (src/integrations/formats-pool.ts) starts the render pool as the build
 * starts, on the same version records the pages will read, and waits for it before the pages are
 * written: the pages then find every file in the cache (cache.ts) and render nothing themselves.
 *
 * Only a head start: a file it could not render is left to the page that needs it, which renders
 * it again and fails the build with its own message.
 */
import { fileRepository } from '../versions/files.ts';
import { cacheDir, isCached } from './cache.ts';
import { formatSource } from './files.ts';
import { formats } from './index.ts';
import { RenderPool } from './pool.ts';

export interface PrewarmResult {
  /** Files rendered into the cache. */
  readonly rendered: number;
  /** Files found in the cache already. */
  readonly cached: number;
  /** Files that failed (the pages render them again and report why). */
  readonly failed: number;
  readonly ms: number;
}

/** Render into the cache every format file of every version the build publishes, `workers` at a time. */
export async function prewarmFormatFiles(siteUrl: string | URL, workers: number): Promise<PrewarmResult> {
  const started = performance.now();
  const dir = cacheDir();
  const versions = fileRepository().policies.flatMap((policy) => policy.versions);
  const missing = versions.flatMap((version) => {
    const source = formatSource(version, siteUrl);
    return formats.filter((format) => !isCached(format, source)).map((format) => ({ format, source }));
  });
  const all = versions.length * formats.length;
  if (dir === null || missing.length === 0) {
    return { rendered: 0, cached: all - missing.length, failed: 0, ms: performance.now() - started };
  }
  const pool = new RenderPool(workers);
  try {
    const results = await Promise.allSettled(
      missing.map(({ format, source }) => pool.render({ formatId: format.id, source, dir, root: process.cwd() })),
    );
    const failed = results.filter((result) => result.status === 'rejected').length;
    return {
      rendered: missing.length - failed,
      cached: all - missing.length,
      failed,
      ms: performance.now() - started,
    };
  } finally {
    await pool.close();
  }
}

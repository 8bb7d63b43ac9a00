/**
 * Astro integration: `astro build` renders the alternative formats in worker threads, one per
 * core (src/lib/formats/pool.ts), rather than one file after another in the build's own thread.
 * It sets FORMATS_WORKERS for the build process, where the format endpoint's code reads it;
 * a value set by hand wins (`FORMATS_WORKERS=0 npm run build` renders without workers). The dev
 * server never starts these hooks, so it renders the files it is asked for in its own thread.
 *
 * With workers and the format cache on, the files missing from the cache are rendered from the
 * start of the build, while Vite bundles the server on one core (src/lib/formats/prewarm.ts, in a
 * thread of its own: prewarm-thread.ts), and the build waits for them once the bundles are built,
 * before any page is written. A build whose inputs match those of the last build that had every
 * file in the cache skips this head start (prewarm-stamp.ts).
 */
import type { AstroIntegration } from 'astro';
import { availableParallelism } from 'node:os';
import { cacheDir } from '../lib/formats/cache.ts';
import { poolSize, workerEntry } from '../lib/formats/pool.ts';
import type { PrewarmResult } from '../lib/formats/prewarm.ts';
import { isStamped, prewarmStamp, writeStamp } from '../lib/formats/prewarm-stamp.ts';
import { prewarmInThread } from '../lib/formats/prewarm-thread.ts';
import { plural } from '../lib/text.ts';

export function formatsPool(): AstroIntegration {
  let siteUrl: string | undefined;
  let prewarm: Promise<PrewarmResult | Error> | null = null;
  return {
    name: 'allwork:formats-pool',
    hooks: {
      'astro:config:done': ({ config }) => {
        siteUrl = config.site;
      },
      'astro:build:start': ({ logger }) => {
        process.env.FORMATS_WORKERS ??= String(availableParallelism());
        const size = poolSize();
        if (size === 0) return;
        // Fail now, with a hint, rather than when the first file is needed.
        workerEntry();
        logger.info(`format files not in the cache are rendered by up to ${size} worker threads`);
        const dir = cacheDir();
        if (siteUrl === undefined || dir === null) return;
        const stamp = prewarmStamp(siteUrl, dir);
        if (isStamped(stamp)) {
          logger.info('the last build of this content and code found every format file in the cache');
          return;
        }
        // Settled into a value: an error here must not become an unhandled rejection.
        prewarm = prewarmInThread({ siteUrl, workers: size }).then(
          (result) => {
            if (result.failed === 0) writeStamp(stamp);
            return result;
          },
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        );
      },
      // After the server and client bundles, before the pages: every file is in the cache by then.
      'astro:build:ssr': async ({ logger }) => {
        if (!prewarm) return;
        const result = await prewarm;
        prewarm = null;
        if (result instanceof Error) {
          logger.warn(`format files were not rendered ahead (${result.message}); the pages render them`);
          return;
        }
        const seconds = (result.ms / 1000).toFixed(1);
        logger.info(
          `${plural(result.rendered, 'format file')} rendered ahead in ${seconds} s, ${result.cached} already cached` +
            (result.failed ? `; ${result.failed} failed, left to the pages that need them` : ''),
        );
      },
    },
  };
}

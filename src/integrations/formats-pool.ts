/**
 * Astro integration: `astro build` renders the alternative formats in worker threads, one per
 * core (src/lib/formats/pool.ts), rather than one file after another in the build's own thread.
 * It only sets FORMATS_WORKERS for the build process, where the format endpoint's code reads it;
 * a value set by hand wins (`FORMATS_WORKERS=0 npm run build` renders without workers). The dev
 * server never starts this hook, so it renders the files it is asked for in its own thread.
 */
import type { AstroIntegration } from 'astro';
import { availableParallelism } from 'node:os';
import { poolSize, workerEntry } from '../lib/formats/pool.ts';

export function formatsPool(): AstroIntegration {
  return {
    name: 'allwork:formats-pool',
    hooks: {
      'astro:build:start': ({ logger }) => {
        process.env.FORMATS_WORKERS ??= String(availableParallelism());
        const size = poolSize();
        if (size > 0) {
          // Fail now, with a hint, rather than when the first file is needed.
          workerEntry();
          logger.info(`format files not in the cache are rendered by up to ${size} worker threads`);
        }
      },
    },
  };
}

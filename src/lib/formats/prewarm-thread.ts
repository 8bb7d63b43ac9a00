/**
 * A cold build's format files rendered ahead (prewarm.ts), from a thread of their own. The build
 * integration (src/integrations/formats-pool.ts) is loaded with Astro's configuration, where
 * every module it imports is compiled through Vite before the build starts (the renderers, the
 * content parser and their packages took over a second there). This module imports nothing but
 * Node's: reading the version records and finding what the cache lacks happen in the thread,
 * beside Vite's bundling instead of before it.
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { workerEntry } from './pool.ts';
import type { PrewarmResult } from './prewarm.ts';

/** What the thread is given: the site's origin (for the files' permanent URLs) and the pool's size. */
export interface PrewarmRequest {
  readonly siteUrl: string;
  readonly workers: number;
}

export type PrewarmReply =
  { readonly ok: true; readonly result: PrewarmResult } | { readonly ok: false; readonly message: string };

/** Render every missing format file of the build's versions into the cache, in a thread; resolves with the counts. */
export function prewarmInThread(request: PrewarmRequest, root = process.cwd()): Promise<PrewarmResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(pathToFileURL(workerEntry(root, 'prewarm-worker.mjs')), { workerData: request });
    worker.once('message', (reply: PrewarmReply) => {
      if (reply.ok) resolve(reply.result);
      else reject(new Error(reply.message));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      reject(new Error(`the thread stopped (exit code ${code}) before it answered`));
    });
  });
}

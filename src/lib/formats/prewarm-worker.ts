/**
 * The thread that renders a cold build's format files ahead (prewarm-thread.ts): it reads the
 * version records, finds the files missing from the cache and has the render pool make them
 * (prewarm.ts), then posts the counts back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { prewarmFormatFiles } from './prewarm.ts';
import type { PrewarmReply, PrewarmRequest } from './prewarm-thread.ts';

const port = parentPort;
if (!port) throw new Error('prewarm-worker.ts runs as a worker thread (prewarm-thread.ts)');

const { siteUrl, workers } = workerData as PrewarmRequest;
prewarmFormatFiles(siteUrl, workers).then(
  (result) => {
    port.postMessage({ ok: true, result } satisfies PrewarmReply);
  },
  (error: unknown) => {
    port.postMessage({
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    } satisfies PrewarmReply);
  },
);

/**
 * A format worker thread: renders the files the pool (pool.ts) sends, one at a time, stores each
 * in the cache and sends the bytes back. Renderers keep what they load (fonts, Braille tables,
 * translations) between files, so a worker gets faster as it goes.
 */
import { parentPort } from 'node:worker_threads';
import { renderAndStore } from './cache.ts';
import { formatById } from './index.ts';
import type { RenderReply, RenderRequest } from './pool.ts';

const port = parentPort;
if (!port) throw new Error('pool-worker.ts runs as a worker thread of the format pool (pool.ts)');

port.on('message', (request: RenderRequest) => {
  renderAndStore(formatById(request.formatId), request.source, { dir: request.dir, root: request.root }).then(
    ({ bytes, ms }) => {
      // A copy of exactly the file's bytes, moved rather than copied to the main thread.
      const copy = bytes.slice();
      port.postMessage({ ok: true, bytes: copy, ms } satisfies RenderReply, [copy.buffer]);
    },
    (error: unknown) => {
      const { message, stack } = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ ok: false, message, ...(stack ? { stack } : {}) } satisfies RenderReply);
    },
  );
});

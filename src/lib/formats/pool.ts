/**
 * Worker threads that render format files in parallel. The renderers are CPU-bound and share
 * nothing but their input, so `astro build` hands each file that is not in the cache to one of
 * these threads instead of rendering the files one after another in its own.
 *
 * Each worker renders one file at a time and stores it in the cache itself (cache.ts), so a file
 * rendered by a worker is a cache hit for the next build like any other. The workers load the
 * renderers' TypeScript source through tsx: they run at build time only, never in the server.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RenderResult } from './cache.ts';
import type { FormatId } from './format.ts';
import type { FormatSource } from './source.ts';

/** What a worker needs to render and store one file. */
export interface RenderRequest {
  readonly formatId: FormatId;
  readonly source: FormatSource;
  /** The cache folder, or null when caching is off. */
  readonly dir: string | null;
  /** The project root, for the renderers' code hash (the cache key). */
  readonly root: string;
}

/** A worker's answer: the file, or why it could not be made. */
export type RenderReply =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly ms: number }
  | { readonly ok: false; readonly message: string; readonly stack?: string };

interface Job {
  readonly request: RenderRequest;
  resolve(result: RenderResult): void;
  reject(error: Error): void;
}

/**
 * How many worker threads render files: `FORMATS_WORKERS`, which the build integration
 * (src/integrations/formats-pool.ts) sets to the number of cores for `astro build`. Unset or 0:
 * every file is rendered in the calling thread (dev server, tests, scripts).
 */
export function poolSize(setting = process.env.FORMATS_WORKERS): number {
  if (setting === undefined || setting === '') return 0;
  const size = Number(setting);
  if (!Number.isInteger(size) || size < 0) {
    throw new Error(`FORMATS_WORKERS is "${setting}"; set it to a whole number of worker threads, or 0 for none.`);
  }
  return size;
}

/**
 * A format thread's entry point: a plain ES module that registers tsx, then loads its TypeScript
 * (pool-worker.mjs for the render workers, prewarm-worker.mjs for the head start's thread).
 */
export function workerEntry(root = process.cwd(), file = 'pool-worker.mjs'): string {
  const entry = path.join(root, 'src/lib/formats', file);
  if (!existsSync(entry)) {
    throw new Error(`The format workers' entry ${entry} does not exist. Run the build from the project root.`);
  }
  return entry;
}

export class RenderPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private closed = false;
  /** Workers started so far, over the pool's life (a test reads it: a cached build starts none). */
  started = 0;

  constructor(
    /** Most workers at once. */
    readonly size: number,
    private readonly entry: string = workerEntry(),
  ) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`A render pool needs at least one worker, not ${size}`);
  }

  /** Render one file in a worker; resolves once the worker has stored it. Jobs start in the order given. */
  render(request: RenderRequest): Promise<RenderResult> {
    if (this.closed) return Promise.reject(new Error('The render pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.dispatch();
    });
  }

  /** Stop every worker; queued jobs fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('The render pool was closed'));
    const workers = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length) {
      const worker = this.idle.pop() ?? (this.busy.size < this.size ? this.spawn() : null);
      if (!worker) return;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      // A busy worker keeps the process alive: the build awaits its answer.
      worker.ref();
      worker.postMessage(job.request);
    }
    // Nothing left to do: let the workers go, so their memory (fonts, Braille tables) is freed
    // while the pages are written. A later job starts new ones.
    if (!this.busy.size) {
      for (const worker of this.idle.splice(0)) void worker.terminate();
    }
  }

  private spawn(): Worker {
    const worker = new Worker(pathToFileURL(this.entry), { stdout: false, stderr: false });
    this.started++;
    worker.on('message', (reply: RenderReply) => {
      const job = this.busy.get(worker);
      if (!job) return;
      this.busy.delete(worker);
      worker.unref();
      if (reply.ok) job.resolve({ bytes: reply.bytes, cached: false, ms: reply.ms });
      else job.reject(Object.assign(new Error(reply.message), { stack: reply.stack ?? reply.message }));
      this.idle.push(worker);
      this.dispatch();
    });
    // A worker that dies takes only its own job with it; the next job gets a fresh worker.
    const lost = (error: Error): void => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      const index = this.idle.indexOf(worker);
      if (index >= 0) this.idle.splice(index, 1);
      job?.reject(error);
      if (!this.closed) this.dispatch();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => {
      if (this.busy.has(worker)) lost(new Error(`A format worker stopped (exit code ${code}) while rendering`));
    });
    return worker;
  }
}

/**
 * Build-time figures shared by `npm run bench` and `npm run bench:formats`: `astro build` of
 * the shipped content and of generated corpora (corpus.ts) with 10, 30 and 100 versions per
 * policy, each cold (no Astro content store, no format cache) and then cached.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { generateCorpus } from './corpus.ts';

/** Caches a cold build must not find: Astro's content layer store and our format cache. */
const caches = ['node_modules/.astro', 'node_modules/.cache'];

/** `astro build` of `contentDir` into `outDir`; returns the wall time in ms and the build's log. */
export function build(contentDir: string, outDir: string, cold: boolean): { ms: number; log: string } {
  if (cold) for (const cache of caches) rmSync(cache, { recursive: true, force: true });
  const started = performance.now();
  const log = execFileSync('npx', ['astro', 'build'], {
    env: {
      ...process.env,
      ASTRO_TELEMETRY_DISABLED: '1',
      CONTENT_DIR: contentDir,
      OUT_DIR: outDir,
      BUILD_DATE: '2026-11-01',
    },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return { ms: Math.round(performance.now() - started), log };
}

export interface BuildTime {
  content: string;
  versionsPerPolicy: number;
  coldMs: number;
  cachedMs: number;
  /** Format files rendered (not cached) by the cold and the cached build, from their logs. */
  coldRendered: number;
  cachedRendered: number;
  /** One-minute load average after each build: timings on a shared machine mean little without it. */
  load: [number, number];
}

/**
 * Format files a build rendered rather than took from the cache, counted from its log: those
 * rendered ahead while Vite builds (src/integrations/formats-pool.ts) and those the pages rendered.
 */
export function renderedFiles(log: string): number {
  const ahead = /(\d+) format files? rendered ahead/.exec(log);
  return log
    .split('\n')
    .filter((line) => line.startsWith('formats '))
    .reduce((sum, line) => sum + [...line.matchAll(/ \d+ ms/g)].length, Number(ahead?.[1] ?? 0));
}

const oneMinuteLoad = (): number => Math.round((loadavg()[0] ?? 0) * 10) / 10;

/** Cold and cached build of each corpus; `quick` leaves out the 100-version one. `work` holds corpora and output. */
export function buildTimes(work: string, quick: boolean): BuildTime[] {
  return buildTimesOf(work, quick ? [1, 10, 30] : [1, 10, 30, 100]);
}

/** Cold and cached build of the shipped content (1) and of generated corpora of the given sizes. */
export function buildTimesOf(work: string, sizes: readonly number[]): BuildTime[] {
  const corpora = sizes.map((versions) =>
    versions === 1
      ? { content: 'shipped', dir: 'content/policies', versions }
      : { content: 'generated', dir: path.join(work, `corpus-${versions}`), versions },
  );
  const results: BuildTime[] = [];
  for (const corpus of corpora) {
    if (corpus.content === 'generated') generateCorpus('content/policies', corpus.dir, corpus.versions);
    const outDir = path.join(work, `dist-${corpus.versions}`);
    const cold = build(corpus.dir, outDir, true);
    const coldLoad = oneMinuteLoad();
    const cached = build(corpus.dir, outDir, false);
    results.push({
      content: corpus.content,
      versionsPerPolicy: corpus.versions,
      coldMs: cold.ms,
      cachedMs: cached.ms,
      coldRendered: renderedFiles(cold.log),
      cachedRendered: renderedFiles(cached.log),
      load: [coldLoad, oneMinuteLoad()],
    });
    console.error(`build ${corpus.versions} version(s)/policy: cold ${cold.ms} ms, cached ${cached.ms} ms`);
  }
  return results;
}

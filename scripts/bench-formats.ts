/**
 * `npm run bench:formats`: what the alternative formats cost.
 *
 *   1. Per format, for the privacy policy: render time (first render in a fresh process, which
 *      pays for loading fonts and compiling Braille tables, then the median of 3 more) and size.
 *   2. `astro build` of the shipped content with an empty format cache (cold) and again with
 *      the cache it filled (cached).
 *   3. A build that adds one version to content whose other versions are cached: which files
 *      are rendered (from the build log).
 *
 * Timings live here, never in tests. Results: printed, and saved to bench/results/formats.json.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { readVersionRecords } from '../src/lib/versions/index.ts';
import { formatSource } from '../src/lib/formats/files.ts';
import { formats } from '../src/lib/formats/index.ts';
import { site } from '../src/site.config.ts';

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
const work = path.resolve('.bench');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function perFormat(): Promise<{ format: string; firstMs: number; medianMs: number; bytes: number }[]> {
  const version = readVersionRecords('content/policies').find(
    (v) => v.policy === 'privacy-policy',
  );
  if (!version) throw new Error('No privacy policy in content/policies');
  const source = formatSource(version, site.siteUrl);
  const rows = [];
  for (const format of formats) {
    let started = performance.now();
    const bytes = await format.render(source);
    const firstMs = performance.now() - started;
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      started = performance.now();
      await format.render(source);
      times.push(performance.now() - started);
    }
    rows.push({
      format: format.name,
      firstMs: Math.round(firstMs),
      medianMs: Math.round(median(times)),
      bytes: bytes.length,
    });
  }
  return rows;
}

function build(contentDir: string, cacheDir: string): { ms: number; log: string } {
  const started = performance.now();
  const log = execFileSync('npx', ['astro', 'build'], {
    env: { ...env, CONTENT_DIR: contentDir, OUT_DIR: path.join(work, 'dist-formats'), FORMATS_CACHE_DIR: cacheDir },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return { ms: Math.round(performance.now() - started), log };
}

const formatLines = (log: string): string[] => log.split('\n').filter((line) => line.startsWith('formats '));
/** Milliseconds spent rendering formats in a build, summed from its log. */
const renderMs = (log: string): number =>
  formatLines(log)
    .flatMap((line) => [...line.matchAll(/ (\d+) ms/g)].map((match) => Number(match[1])))
    .reduce((sum, ms) => sum + ms, 0);

mkdirSync(work, { recursive: true });
const cache = mkdtempSync(path.join(tmpdir(), 'bench-formats-'));

console.log('Rendering each format of the privacy policy…');
const rows = await perFormat();
console.table(rows);

console.log('Building the shipped content with an empty format cache, then again…');
const cold = build('content/policies', cache);
const cached = build('content/policies', cache);
console.table([
  { build: 'cold (empty format cache)', ms: cold.ms, renderingMs: renderMs(cold.log) },
  { build: 'cached', ms: cached.ms, renderingMs: renderMs(cached.log) },
]);

console.log('Adding one version to content whose other versions are cached…');
// Inside the project: Astro reads content only from below its root.
const content = path.join(work, 'formats-content');
rmSync(content, { recursive: true, force: true });
cpSync('tests/fixtures/content', content, { recursive: true });
const added: string[] = [];
for (const policy of readdirSync(content)) {
  const latest = readdirSync(path.join(content, policy)).sort().at(-1);
  if (!latest) continue;
  const held = path.join(work, `${policy}-${latest}`);
  cpSync(path.join(content, policy, latest), held);
  rmSync(path.join(content, policy, latest));
  added.push(`${policy}/${latest}`);
}
build(content, cache);
for (const id of added) {
  const [policy = '', file = ''] = id.split('/');
  cpSync(path.join(work, `${policy}-${file}`), path.join(content, policy, file));
}
const oneMore = build(content, cache);
console.log(`Added ${added.join(', ')}; build took ${oneMore.ms} ms:`);
for (const line of formatLines(oneMore.log)) console.log(`  ${line}`);

mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/formats.json',
  JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      // Timings on a shared machine mean little without its load.
      loadAverage: loadavg().map((value) => Math.round(value * 10) / 10),
      perFormat: rows,
      build: {
        coldMs: cold.ms,
        coldRenderingMs: renderMs(cold.log),
        cachedMs: cached.ms,
        cachedRenderingMs: renderMs(cached.log),
        oneNewVersionMs: oneMore.ms,
        oneNewVersionLog: formatLines(oneMore.log),
      },
    },
    null,
    2,
  ) + '\n',
);
rmSync(cache, { recursive: true, force: true });
rmSync(content, { recursive: true, force: true });
console.log(
  `Load average: ${loadavg()
    .map((value) => value.toFixed(1))
    .join(', ')}. Saved bench/results/formats.json`,
);

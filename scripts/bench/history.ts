/**
 * `npm run bench:history`: the figures behind the changes and compare pages. Timings live here,
 * never in tests.
 *
 *   - the headline: diffVersions on the California notice 2024-04-25 → 2025-09-01 (fixtures), the
 *     models parsed once, median of 50 runs (4.6 ms before the diff moved to src/lib/diff/ and jsdiff);
 *   - diffVersions time for every fixture pair (median and slowest of many warm runs), and for a
 *     stress pair: the first and the 100th version of a generated corpus (99 revisions apart);
 *   - the JavaScript the compare page loads, measured in Chromium against the real server on the
 *     fixture build: before any comparison, and after one (raw and gzip bytes), plus the data
 *     fetched for it. Needs `npm run build:fixtures` first.
 *
 * Options: --no-browser skips the page measurement.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readVersionRecords } from '../../src/lib/versions/files.ts';
import type { VersionRecord } from '../../src/lib/versions/record.ts';
import { diffVersions } from '../../src/lib/diff/index.ts';
import { site } from '../../src/site.config.ts';
import { generateCorpus } from './corpus.ts';
import { launchChromium } from './page-weight.ts';
import { startServer } from './server.ts';

const runs = Number(process.env.BENCH_RUNS ?? 200);

function time(a: VersionRecord, b: VersionRecord): { medianMs: number; maxMs: number; words: number } {
  for (let i = 0; i < 20; i++) diffVersions(a.document, b.document); // warm up the JIT
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    diffVersions(a.document, b.document);
    samples.push(performance.now() - started);
  }
  samples.sort((x, y) => x - y);
  const words = (v: VersionRecord) => v.canonicalText.split(/\s+/).length;
  return {
    medianMs: Number((samples[Math.floor(samples.length / 2)] ?? 0).toFixed(2)),
    maxMs: Number((samples.at(-1) ?? 0).toFixed(2)),
    words: words(a) + words(b),
  };
}

/** The headline figure: one realistic pair, parsed once, 50 timed runs after a warm-up. */
function headline(): { pair: string; runs: number; medianMs: number } {
  const fixtures = readVersionRecords(path.resolve('tests/fixtures/content'));
  const find = (version: string): VersionRecord => {
    const found = fixtures.find((v) => v.policy === 'california-privacy-notice' && v.version === version);
    if (!found) throw new Error(`fixture california-privacy-notice/${version} is missing`);
    return found;
  };
  const a = find('2024-04-25').document;
  const b = find('2025-09-01').document;
  for (let i = 0; i < 20; i++) diffVersions(a, b);
  const samples: number[] = [];
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    diffVersions(a, b);
    samples.push(performance.now() - started);
  }
  samples.sort((x, y) => x - y);
  const median = ((samples[24] ?? 0) + (samples[25] ?? 0)) / 2;
  return { pair: 'california-privacy-notice 2024-04-25 → 2025-09-01', runs: 50, medianMs: Number(median.toFixed(2)) };
}

function pairs(versions: VersionRecord[]): [VersionRecord, VersionRecord][] {
  const out: [VersionRecord, VersionRecord][] = [];
  for (const policy of site.policies) {
    const mine = versions.filter((v) => v.policy === policy.id).sort((x, y) => x.version.localeCompare(y.version));
    for (let i = 0; i < mine.length; i++) {
      for (let j = i + 1; j < mine.length; j++) out.push([mine[i]!, mine[j]!]);
    }
  }
  return out;
}

function diffTimes(): Record<string, string | number>[] {
  const rows: Record<string, string | number>[] = [];
  for (const [a, b] of pairs(readVersionRecords(path.resolve('tests/fixtures/content')))) {
    rows.push({ pair: `${a.policy} ${a.version} → ${b.version}`, ...time(a, b) });
  }
  const corpus = path.resolve('.bench/corpus-history');
  generateCorpus('content/policies', corpus, 100);
  const generated = readVersionRecords(corpus);
  for (const policy of site.policies) {
    const mine = generated.filter((v) => v.policy === policy.id).sort((x, y) => x.version.localeCompare(y.version));
    rows.push({ pair: `${policy.id} generated v1 → v100`, ...time(mine[0]!, mine.at(-1)!) });
  }
  rmSync(corpus, { recursive: true, force: true });
  return rows;
}

interface Loaded {
  readonly url: string;
  readonly raw: number;
  readonly gzip: number;
}

async function compareJs(): Promise<Record<string, string | number>[]> {
  const server = await startServer(path.resolve('dist-fixtures'), Number(process.env.BENCH_PORT ?? 4612));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const scripts: string[] = [];
    const data: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
      if (request.url().endsWith('.json')) data.push(request.url());
    });
    const measure = async (urls: string[]): Promise<Loaded[]> =>
      Promise.all(
        urls.map(async (url) => {
          const body = Buffer.from(await (await fetch(url)).arrayBuffer());
          return { url: new URL(url).pathname, raw: body.length, gzip: gzipSync(body, { level: 6 }).length };
        }),
      );
    await page.goto(`${server.url}/california-privacy-notice/compare/`, { waitUntil: 'networkidle' });
    const before = await measure([...scripts]);
    await page.getByLabel('From (the older version)').selectOption('2024-04-25');
    await page.getByLabel('To (the newer version)').selectOption('2025-09-01');
    const started = performance.now();
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.locator('#comparison-title').waitFor();
    const renderMs = Math.round(performance.now() - started);
    const after = await measure([...new Set(scripts)]);
    const json = await measure([...new Set(data)]);
    const sum = (list: Loaded[]) =>
      list.reduce((a, l) => ({ raw: a.raw + l.raw, gzip: a.gzip + l.gzip }), { raw: 0, gzip: 0 });
    return [
      { state: 'compare page loaded (no comparison yet)', files: before.length, ...sum(before) },
      { state: 'after one comparison: all JavaScript', files: after.length, ...sum(after) },
      ...after.map((l) => ({ state: `  ${l.url}`, files: 1, raw: l.raw, gzip: l.gzip })),
      { state: 'after one comparison: version data (JSON)', files: json.length, ...sum(json) },
      { state: `click → rendered, California notice v1 → v3 (ms)`, files: 0, raw: renderMs, gzip: 0 },
    ];
  } finally {
    await browser.close();
    await server.stop();
  }
}

console.log('diffVersions, the headline pair (models parsed once; median of 50 warm runs, ms)');
console.table([headline()]);
console.log(`\ndiffVersions, ${String(runs)} warm runs per pair (ms)`);
console.table(diffTimes());
if (!process.argv.includes('--no-browser')) {
  console.log('\nJavaScript of the compare page (bytes; gzip level 6)');
  console.table(await compareJs());
}

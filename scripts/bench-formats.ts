/**
 * `npm run bench:formats`: what the alternative formats cost.
 *
 *   1. Per format, for the privacy policy: render time and size. `firstMs`: the first render in
 *      this process (loading fonts, compiling Braille tables). `medianMs`: the median of 3 more
 *      with what renderers remember between files forgotten (parsed fonts and shaping, Braille
 *      translations): a version never rendered before. `nextVersionMs`: the median over the
 *      next 3 versions of a generated corpus, each after the one before, which is what a build
 *      of many versions pays per version.
 *   2. `astro build`, cold and cached, of the shipped content and of 10, 30 and 100 versions per
 *      policy (scripts/bench/builds.ts; --quick leaves out 100).
 *   3. A build that adds one version to content whose other versions are cached: which files
 *      are rendered (from the build log).
 *
 * Options: --quick leaves out the 100-version build; --renders-only prints the per-format table
 * and stops (no builds, nothing saved).
 *
 * Timings live here, never in tests. Results: printed, and saved to bench/results/formats.json.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { readVersionRecords } from '../src/lib/versions/index.ts';
import { formatSource } from '../src/lib/formats/files.ts';
import { forgetSharedFonts } from '../src/lib/formats/fonts.ts';
import { formats } from '../src/lib/formats/index.ts';
import { forgetTranslations } from '../src/lib/formats/liblouis.ts';
import type { FormatSource } from '../src/lib/formats/source.ts';
import { site } from '../src/site.config.ts';
import { build, buildTimes, renderedFiles } from './bench/builds.ts';
import { generateCorpus } from './bench/corpus.ts';

const quick = process.argv.includes('--quick');
const rendersOnly = process.argv.includes('--renders-only');
const work = path.resolve('.bench');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function privacyPolicySources(contentDir: string): FormatSource[] {
  return readVersionRecords(contentDir)
    .filter((v) => v.policy === 'privacy-policy')
    .sort((a, b) => a.version.localeCompare(b.version))
    .map((version) => formatSource(version, site.siteUrl));
}

interface FormatRow {
  format: string;
  firstMs: number;
  medianMs: number;
  nextVersionMs: number;
  bytes: number;
}

async function perFormat(): Promise<FormatRow[]> {
  const [source] = privacyPolicySources('content/policies');
  if (!source) throw new Error('No privacy policy in content/policies');
  const corpus = path.join(work, 'corpus-formats');
  generateCorpus('content/policies', corpus, 4);
  const versions = privacyPolicySources(corpus);
  const timed = async (render: () => Promise<Uint8Array>): Promise<{ ms: number; bytes: number }> => {
    const started = performance.now();
    const bytes = await render();
    return { ms: performance.now() - started, bytes: bytes.length };
  };
  const rows: FormatRow[] = [];
  for (const format of formats) {
    const first = await timed(() => format.render(source));
    const fresh: number[] = [];
    for (let run = 0; run < 3; run++) {
      forgetSharedFonts();
      forgetTranslations();
      fresh.push((await timed(() => format.render(source))).ms);
    }
    forgetSharedFonts();
    forgetTranslations();
    await format.render(versions[0]!);
    const next: number[] = [];
    for (const version of versions.slice(1)) next.push((await timed(() => format.render(version))).ms);
    rows.push({
      format: format.name,
      firstMs: Math.round(first.ms),
      medianMs: Math.round(median(fresh)),
      nextVersionMs: Math.round(median(next)),
      bytes: first.bytes,
    });
  }
  rmSync(corpus, { recursive: true, force: true });
  return rows;
}

const formatLines = (log: string): string[] => log.split('\n').filter((line) => line.startsWith('formats '));

mkdirSync(work, { recursive: true });

console.log('Rendering each format of the privacy policy…');
const rows = await perFormat();
console.table(rows);
if (rendersOnly) process.exit(0);

console.log(`Building the shipped content and 10, 30${quick ? '' : ', 100'} versions per policy, cold then cached…`);
const builds = buildTimes(work, quick);
console.table(builds);

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
const cache = mkdtempSync(path.join(tmpdir(), 'bench-formats-'));
process.env.FORMATS_CACHE_DIR = cache;
const outDir = path.join(work, 'dist-formats');
build(content, outDir, false);
for (const id of added) {
  const [policy = '', file = ''] = id.split('/');
  cpSync(path.join(work, `${policy}-${file}`), path.join(content, policy, file));
}
const oneMore = build(content, outDir, false);
delete process.env.FORMATS_CACHE_DIR;
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
      builds,
      oneNewVersion: { ms: oneMore.ms, rendered: renderedFiles(oneMore.log), log: formatLines(oneMore.log) },
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

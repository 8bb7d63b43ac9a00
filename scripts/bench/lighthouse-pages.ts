/**
 * `npm run bench:lighthouse`: Lighthouse on mobile, all four categories, three runs each, for the
 * pages readers meet first: the policy, search, the contact form and the history. It serves the
 * last build (`dist/`, or `OUT_DIR`) with the production server, so run `npm run build` first.
 * Scores are timings in part (performance), so they live here, never in a test.
 *
 * Options: `--runs N` (default 3); `BENCH_PORT` (default 4450) is where the server listens.
 */
import path from 'node:path';
import { runLighthouse, type Category } from './lighthouse.ts';
import { startServer } from './server.ts';

const pages = ['/privacy-policy/', '/search/', '/contact/', '/privacy-policy/versions/'];
const categories: Category[] = ['performance', 'accessibility', 'best-practices', 'seo'];
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const outDir = path.resolve(process.env.OUT_DIR ?? 'dist');
const port = Number(process.env.BENCH_PORT ?? 4450);

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

const server = await startServer(outDir, port, { OUTBOX_DIR: path.join(outDir, '.outbox-bench') });
try {
  console.log(`Lighthouse, mobile, ${String(runs)} runs per page (median, then every run)\n`);
  console.log('page'.padEnd(28) + categories.map((c) => c.padEnd(20)).join(''));
  for (const page of pages) {
    const scores: Record<Category, number[]> = { performance: [], accessibility: [], 'best-practices': [], seo: [] };
    const failing = new Set<string>();
    for (let run = 0; run < runs; run++) {
      const [result] = await runLighthouse(`${server.url}${page}`, ['mobile'], categories);
      for (const category of categories) scores[category].push(result?.scores[category] ?? 0);
      for (const audit of result?.failingAudits ?? []) failing.add(audit);
    }
    const cells = categories.map((c) => `${String(median(scores[c]))} (${scores[c].join('/')})`.padEnd(20));
    console.log(page.padEnd(28) + cells.join(''));
    for (const audit of failing) console.log(`    below 100: ${audit}`);
  }
} finally {
  await server.stop();
}

/**
 * `npm run bench:builds [-- 30 100]`: `astro build` cold (no content store, no caches) and then
 * cached, of generated corpora with that many versions per policy (default 30 and 100; 1 is the
 * shipped content). Prints a table with the one-minute load average after each build: on a
 * shared machine a timing means little without it. The same figures are part of `npm run bench`.
 */
import path from 'node:path';
import { buildTimesOf } from './builds.ts';

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const results = buildTimesOf(path.resolve('.bench'), sizes.length ? sizes : [30, 100]);
console.table(
  results.map((r) => ({
    'versions per policy': r.versionsPerPolicy,
    'cold s': (r.coldMs / 1000).toFixed(1),
    'cached s': (r.cachedMs / 1000).toFixed(1),
    'files rendered cold / cached': `${r.coldRendered} / ${r.cachedRendered}`,
    'load after cold / cached': r.load.join(' / '),
  })),
);

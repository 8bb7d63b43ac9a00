/**
 * `npm run bench`: the figures behind the budgets, printed as tables and saved as JSON under
 * bench/results/. Timings live here, never in tests.
 *
 *   - page weight per page type (HTML, CSS, JS raw and gzip, requests), Chromium, real server;
 *   - the privacy policy's first-view gzip bytes against the gzip size of its plain text, and
 *     its first view on the wire in Chromium, headers included (scripts/bench/first-view.ts);
 *   - build time, cold and cached, for the shipped content and 10 / 30 / 100 versions per policy;
 *   - Lighthouse scores, mobile and desktop, for the privacy policy page.
 *
 * Options: --quick skips the 100-version corpus and Lighthouse (and leaves latest.json as it is).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { documentText } from '../src/lib/document/model.ts';
import { fileRepository } from '../src/lib/versions/index.ts';
import { alertLines, measureAlerts } from './bench/alerts.ts';
import { build, buildTimes } from './bench/builds.ts';
import { lighthouseScores, type LighthouseScores } from './bench/lighthouse.ts';
import { firstView, firstViewBudget, textAllowance, type FirstView } from './bench/first-view.ts';
import { launchChromium, measurePage, type PageWeight } from './bench/page-weight.ts';
import { startServer } from './bench/server.ts';

const quick = process.argv.includes('--quick');
const basePort = Number(process.env.BENCH_PORT ?? 4600);
// Inside the project: a built server resolves its packages from this node_modules.
const work = path.resolve('.bench');
async function pageWeights(): Promise<{
  weights: PageWeight[];
  policyRatio: number;
  policyTextGzip: number;
  policyOnTheWire: FirstView;
  /** What the shown text's words add to the budget (first-view.ts `textAllowance`). */
  policyAllowance: { brotli: number; gzip: number };
}> {
  // The fixture build has every page type (archived versions, changes) that the shipped one lacks.
  build('tests/fixtures/content', path.join(work, 'dist-fixtures'), false);
  build('content/policies', path.join(work, 'dist-shipped'), false);
  const fixtures = await startServer(path.join(work, 'dist-fixtures'), basePort);
  const shipped = await startServer(path.join(work, 'dist-shipped'), basePort + 1);
  const browser = await launchChromium();
  try {
    const pages: [string, string][] = [
      ['home', `${shipped.url}/`],
      ['current policy', `${shipped.url}/privacy-policy/`],
      ['archived', `${fixtures.url}/privacy-policy/2024-04-25/`],
      ['changes', `${fixtures.url}/privacy-policy/2025-01-15/changes/`],
      ['compare', `${fixtures.url}/privacy-policy/compare/?from=2024-04-25&to=2025-09-01`],
      ['search', `${shipped.url}/search/?q=cookies`],
      ['contact', `${shipped.url}/contact/`],
    ];
    const weights: PageWeight[] = [];
    for (const [name, url] of pages) weights.push(await measurePage(browser, name, url));
    // What Chromium receives for the privacy policy, headers included (the byte-budget test's count).
    const context = await browser.newContext();
    const policyPage = await context.newPage();
    const policyOnTheWire = await firstView(policyPage, `${shipped.url}/privacy-policy/`);
    const policyAllowance = await textAllowance(policyPage, 'privacy-policy');
    await context.close();
    const text = Buffer.from(documentText(fileRepository().policy('privacy-policy').current.document));
    const policyTextGzip = gzipSync(text, { level: 6 }).length;
    const policy = weights.find((w) => w.page === 'current policy');
    return {
      weights,
      policyOnTheWire,
      policyAllowance,
      policyTextGzip,
      policyRatio: policy && policyTextGzip ? policy.total.gzip / policyTextGzip : NaN,
    };
  } finally {
    await browser.close();
    await fixtures.stop();
    await shipped.stop();
  }
}

async function lighthouse(): Promise<LighthouseScores[]> {
  const server = await startServer(path.join(work, 'dist-shipped'), basePort + 2);
  try {
    return await lighthouseScores(`${server.url}/privacy-policy/`);
  } finally {
    await server.stop();
  }
}

const kb = (bytes: number): string => (bytes / 1024).toFixed(1);

/** Reading pages: what people come to read; they must load no script before interaction. */
const readingPages = ['home', 'current policy', 'archived', 'changes'];
const readingPagesJs = (weights: PageWeight[]): number =>
  weights.filter((w) => readingPages.includes(w.page)).reduce((sum, w) => sum + w.js.raw, 0);
const lowestScore = (s: LighthouseScores): number => Math.min(s.performance, s.accessibility, s.bestPractices, s.seo);

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  const started = new Date();
  const { weights, policyRatio, policyTextGzip, policyOnTheWire, policyAllowance } = await pageWeights();
  const builds = buildTimes(work, quick);
  const scores = quick ? [] : await lighthouse();
  // Change alerts: one new version to 10,000 confirmed subscribers (2,000 with --quick).
  const alerts = await measureAlerts(quick ? 2000 : 10_000);
  const policyWeight = weights.find((w) => w.page === 'current policy');
  const mobile = scores.find((s) => s.formFactor === 'mobile');
  const readingJs = readingPagesJs(weights);
  /** Each budget (README, "Budgets") with what was measured; `met` is null when not measured. */
  const budgets = [
    {
      budget: 'privacy policy first view, KB gzip',
      limit: `≤ ${kb(firstViewBudget.gzip + policyAllowance.gzip)}`,
      actual: policyWeight ? kb(policyWeight.total.gzip) : '—',
      met: policyWeight ? policyWeight.total.gzip <= firstViewBudget.gzip + policyAllowance.gzip : null,
    },
    {
      budget: 'privacy policy first view on the wire, KB (Chromium, headers included)',
      limit: `≤ ${kb(firstViewBudget.onTheWire + policyAllowance.brotli)}`,
      actual: kb(policyOnTheWire.total),
      met: policyOnTheWire.total <= firstViewBudget.onTheWire + policyAllowance.brotli,
    },
    {
      budget: 'JavaScript on reading pages, bytes',
      limit: '0',
      actual: String(readingJs),
      met: readingJs === 0,
    },
    {
      budget: 'Lighthouse mobile, lowest of 4 categories',
      limit: '100',
      actual: mobile ? String(lowestScore(mobile)) : 'not run',
      met: mobile ? lowestScore(mobile) === 100 : null,
    },
  ];
  const result = {
    date: started.toISOString(),
    node: process.version,
    weights,
    policyOnTheWire,
    policyTextGzip,
    policyRatio,
    builds,
    lighthouse: scores,
    alerts,
    budgets,
  };

  console.log('\nPage weight (KB; first view, everything included)');
  console.table(
    weights.map((w) => ({
      page: w.page,
      requests: w.requests,
      'HTML raw': kb(w.html.raw),
      'HTML gz': kb(w.html.gzip),
      'CSS raw': kb(w.css.raw),
      'CSS gz': kb(w.css.gzip),
      'JS raw': kb(w.js.raw),
      'JS gz': kb(w.js.gzip),
      'total gz': kb(w.total.gzip),
    })),
  );
  console.log(
    `Privacy policy first view / its plain text, gzip: ${policyRatio.toFixed(2)} (text alone: ${kb(policyTextGzip)} KB gz)`,
  );
  console.log(
    `Privacy policy first view on the wire: ${policyOnTheWire.total} B in ${policyOnTheWire.requests} requests ` +
      `(${policyOnTheWire.headerBytes} B of headers)`,
  );
  console.log('\nBuild time (ms)');
  console.table(builds);
  if (scores.length) {
    console.log('\nLighthouse, /privacy-policy/');
    console.table(scores);
  }
  console.log(`\n${alertLines(alerts).join('\n')}`);
  console.log('\nBudgets');
  console.table(budgets.map((b) => ({ ...b, met: b.met === null ? '—' : b.met ? 'yes' : 'NO' })));
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/bench-${started.toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  // latest.json (kept in git) holds the last full run; a --quick run lacks figures it has.
  if (!quick) writeFileSync('bench/results/latest.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nSaved ${file}`);
}

await main();

/**
 * The Lighthouse budget, as far as a test can hold it: on mobile, the privacy policy page scores
 * 100 in accessibility, best practices and SEO. Those three are pass/fail audits of the page as
 * built, so they are the same on every run. Performance is a timing (it moves with the
 * machine's load), so `npm run bench` reports it instead; the byte budgets behind it are held by
 * tests/e2e/budgets.spec.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runLighthouse } from '../../scripts/bench/lighthouse.ts';
import { SiteServer } from '../helpers/site-server.ts';

let server: SiteServer;
let outbox: string;

beforeAll(async () => {
  outbox = await mkdtemp(path.join(tmpdir(), 'lighthouse-outbox-'));
  server = await SiteServer.start({ OUTBOX_DIR: outbox });
});

afterAll(async () => {
  await server.stop();
  await rm(outbox, { recursive: true, force: true });
});

it('the privacy policy scores 100 in accessibility, best practices and SEO on mobile', async () => {
  const [run] = await runLighthouse(
    `${server.url}/privacy-policy/`,
    ['mobile'],
    ['accessibility', 'best-practices', 'seo'],
  );
  // The failing audits first: a score alone would not say what to fix.
  expect(run?.failingAudits).toEqual([]);
  expect(run?.scores).toEqual({ accessibility: 100, 'best-practices': 100, seo: 100 });
}, 120_000);

/** Lighthouse scores (0–100) for one URL, mobile and desktop, in Debian's Chromium. */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { chromiumArgs, chromiumPath } from '../chromium.ts';

export type FormFactor = 'mobile' | 'desktop';
export type Category = 'performance' | 'accessibility' | 'best-practices' | 'seo';

export interface LighthouseScores {
  readonly formFactor: FormFactor;
  readonly performance: number;
  readonly accessibility: number;
  readonly bestPractices: number;
  readonly seo: number;
}

export interface LighthouseRun {
  readonly formFactor: FormFactor;
  /** Score per category asked for, 0–100. */
  readonly scores: Partial<Record<Category, number>>;
  /** Audits of those categories that scored below 1, as "id: title", so a failure says why. */
  readonly failingAudits: string[];
}

const allCategories: Category[] = ['performance', 'accessibility', 'best-practices', 'seo'];

/** Run Lighthouse on `url` once per form factor, in one Chromium. */
export async function runLighthouse(
  url: string,
  formFactors: readonly FormFactor[],
  categories: readonly Category[] = allCategories,
): Promise<LighthouseRun[]> {
  const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: [...chromiumArgs] });
  const runs: LighthouseRun[] = [];
  try {
    for (const formFactor of formFactors) {
      const result = await lighthouse(
        url,
        { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...categories] },
        formFactor === 'desktop' ? desktopConfig : undefined,
      );
      if (!result) throw new Error(`Lighthouse returned no result for ${url} (${formFactor})`);
      const { categories: found, audits } = result.lhr;
      const scores: Partial<Record<Category, number>> = {};
      const failingAudits: string[] = [];
      for (const category of categories) {
        const entry = found[category];
        scores[category] = Math.round((entry?.score ?? 0) * 100);
        for (const ref of entry?.auditRefs ?? []) {
          const audit = audits[ref.id];
          // Weight 0 audits are informative only; they do not count towards the score.
          if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
            failingAudits.push(`${category}/${ref.id}: ${audit.title}`);
          }
        }
      }
      runs.push({ formFactor, scores, failingAudits });
    }
  } finally {
    chrome.kill();
  }
  return runs;
}

/** The four category scores, mobile and desktop, as the bench reports them. */
export async function lighthouseScores(url: string): Promise<LighthouseScores[]> {
  const runs = await runLighthouse(url, ['mobile', 'desktop']);
  return runs.map(({ formFactor, scores }) => ({
    formFactor,
    performance: scores.performance ?? 0,
    accessibility: scores.accessibility ?? 0,
    bestPractices: scores['best-practices'] ?? 0,
    seo: scores.seo ?? 0,
  }));
}
